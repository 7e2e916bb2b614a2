using Microsoft.Data.Sqlite;

namespace NanoClaw.Benchmarks.Peers;

/// <summary>
/// The one table every peer writes a row to per run, so the harness analyses peers and NanoClaw
/// alike: times in unix milliseconds, the exit code of the command.
/// </summary>
internal sealed class PeerRunLog(string databaseFile)
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = databaseFile,
    }.ToString();

    public void Create()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        // WAL is persistent in the file: a run's insert does not wait for readers, as in NanoClaw's store.
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS peer_runs (
                task TEXT NOT NULL, grp TEXT NOT NULL, scheduled_ms INTEGER NOT NULL,
                started_ms INTEGER NOT NULL, finished_ms INTEGER NOT NULL, exit_code INTEGER NOT NULL)
            """;
        command.ExecuteNonQuery();
    }

    public void Insert(
        string task,
        string group,
        long scheduledMs,
        long startedMs,
        long finishedMs,
        int exitCode
    )
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO peer_runs (task, grp, scheduled_ms, started_ms, finished_ms, exit_code)
            VALUES ($task, $grp, $scheduled, $started, $finished, $exit)
            """;
        command.Parameters.AddWithValue("$task", task);
        command.Parameters.AddWithValue("$grp", group);
        command.Parameters.AddWithValue("$scheduled", scheduledMs);
        command.Parameters.AddWithValue("$started", startedMs);
        command.Parameters.AddWithValue("$finished", finishedMs);
        command.Parameters.AddWithValue("$exit", exitCode);
        command.ExecuteNonQuery();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL";
        pragma.ExecuteNonQuery();
        return connection;
    }
}
