using Microsoft.Data.Sqlite;
using NanoClaw.Benchmarks.Support;

namespace NanoClaw.Benchmarks.Peers;

/// <summary>Reads a peer's <c>peer_runs</c> as the same run facts the harness reads from NanoClaw's store.</summary>
internal static class PeerRunsReader
{
    public static async Task<IReadOnlyList<RunTimes>> ReadAsync(string databaseFile)
    {
        if (!File.Exists(databaseFile))
            return [];
        await using var connection = new SqliteConnection(
            new SqliteConnectionStringBuilder
            {
                DataSource = databaseFile,
                Pooling = false,
            }.ToString()
        );
        await connection.OpenAsync();
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA busy_timeout = 5000";
            await pragma.ExecuteNonQueryAsync();
        }
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT task, grp, exit_code, scheduled_ms, started_ms, finished_ms FROM peer_runs ORDER BY started_ms
            """;
        var runs = new List<RunTimes>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            runs.Add(
                new RunTimes(
                    reader.GetString(0),
                    reader.GetString(1),
                    reader.GetInt64(2) == 0 ? "succeeded" : "failed",
                    reader.GetInt64(3),
                    reader.GetInt64(4),
                    reader.GetInt64(5)
                )
            );
        return runs;
    }
}
