using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace NanoClaw.Benchmarks.Support;

/// <summary>
/// Writes synthetic finished runs straight into <c>nanoclaw_runs</c> (one transaction, one prepared
/// statement): a long history in seconds instead of days of real runs.
/// </summary>
public static class HistoryFiller
{
    public static TimeSpan Fill(string databaseFile, int records, int tasks, TimeSpan spread)
    {
        var clock = Stopwatch.StartNew();
        using var connection = new SqliteConnection($"Data Source={databaseFile};Pooling=False");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO nanoclaw_runs (id, task_id, group_name, mode, trigger_kind, status, exit_code, scheduled_at,
                started_at, started_at_ms, finished_at, duration_ms, result, stdout, stderr, stdout_truncated,
                stderr_truncated, error, node, log_path)
            VALUES ($id, $task, 'hist', 'host', 'schedule', 'succeeded', 0, $at, $at, $ms, $at, 5, NULL, 'ok', '',
                0, 0, NULL, 'bench-node', NULL)
            """;
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        var task = insert.Parameters.Add("$task", SqliteType.Text);
        var at = insert.Parameters.Add("$at", SqliteType.Text);
        var ms = insert.Parameters.Add("$ms", SqliteType.Integer);
        var now = DateTimeOffset.UtcNow;
        var step = spread / records;
        for (var i = 0; i < records; i++)
        {
            // Newest first, tasks interleaved: every task has runs spread over the whole period.
            var startedAt = now - step * (i + 1);
            id.Value = Guid.CreateVersion7(startedAt).ToString("N");
            task.Value = TaskId(i % tasks);
            at.Value = startedAt.ToString("o", System.Globalization.CultureInfo.InvariantCulture);
            ms.Value = startedAt.ToUnixTimeMilliseconds();
            insert.ExecuteNonQuery();
        }
        transaction.Commit();
        return clock.Elapsed;
    }

    public static string TaskId(int index) => $"h{index:D4}";

    public static long Count(string databaseFile)
    {
        using var connection = new SqliteConnection($"Data Source={databaseFile};Pooling=False");
        connection.Open();
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM nanoclaw_runs";
        return (long)count.ExecuteScalar()!;
    }
}
