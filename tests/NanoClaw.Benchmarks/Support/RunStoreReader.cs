using System.Globalization;
using Microsoft.Data.Sqlite;

namespace NanoClaw.Benchmarks.Support;

/// <summary>Reads finished runs straight from <c>nanoclaw_runs</c>, as the daemon recorded them.</summary>
public sealed class RunStoreReader(string databaseFile)
{
    public async Task<IReadOnlyList<RunTimes>> FinishedAsync()
    {
        if (!File.Exists(databaseFile))
            return [];
        await using var connection = new SqliteConnection(
            new SqliteConnectionStringBuilder
            {
                DataSource = databaseFile,
                Mode = SqliteOpenMode.ReadOnly,
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
            SELECT task_id, group_name, status, scheduled_at, started_at_ms, finished_at
            FROM nanoclaw_runs WHERE finished_at IS NOT NULL ORDER BY started_at_ms
            """;
        var runs = new List<RunTimes>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            runs.Add(
                new RunTimes(
                    reader.IsDBNull(0) ? null : reader.GetString(0),
                    reader.GetString(1),
                    reader.GetString(2),
                    Ms(reader.GetString(3)),
                    reader.GetInt64(4),
                    Ms(reader.GetString(5))
                )
            );
        return runs;
    }

    /// <summary>Polls until at least <paramref name="count"/> runs have finished.</summary>
    public async Task<IReadOnlyList<RunTimes>> WaitForFinishedAsync(int count, TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var runs = await FinishedAsync();
            if (runs.Count >= count)
                return runs;
            if (clock.Elapsed > timeout)
                throw new TimeoutException(
                    $"{runs.Count} of {count} runs finished within {timeout}"
                );
            await Task.Delay(200);
        }
    }

    private static long Ms(string isoTime) =>
        DateTimeOffset.Parse(isoTime, CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
}

/// <summary>One run's timing, in unix milliseconds.</summary>
public sealed record RunTimes(
    string? TaskId,
    string Group,
    string Status,
    long ScheduledMs,
    long StartedMs,
    long FinishedMs
);
