using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace NanoClaw.Benchmarks.Support;

/// <summary>
/// Like <see cref="HistoryFiller"/>, but a history a dashboard filters: runs spread over many
/// tasks in many groups, with a mix of triggers and statuses (one in 40 failed, one in 20 manual).
/// </summary>
public static class MixedHistoryFiller
{
    public static TimeSpan Fill(
        string databaseFile,
        int records,
        Func<int, (string TaskId, string Group)> taskOf,
        int tasks,
        TimeSpan spread
    )
    {
        ArgumentNullException.ThrowIfNull(taskOf);
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
            VALUES ($id, $task, $group, 'host', $trigger, $status, $exit, $at, $at, $ms, $at, 5, NULL, 'ok', '',
                0, 0, NULL, 'bench-node', NULL)
            """;
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        var task = insert.Parameters.Add("$task", SqliteType.Text);
        var group = insert.Parameters.Add("$group", SqliteType.Text);
        var trigger = insert.Parameters.Add("$trigger", SqliteType.Text);
        var status = insert.Parameters.Add("$status", SqliteType.Text);
        var exit = insert.Parameters.Add("$exit", SqliteType.Integer);
        var at = insert.Parameters.Add("$at", SqliteType.Text);
        var ms = insert.Parameters.Add("$ms", SqliteType.Integer);
        var now = DateTimeOffset.UtcNow;
        var step = spread / records;
        for (var i = 0; i < records; i++)
        {
            var startedAt = now - step * (i + 1);
            var (taskId, groupName) = taskOf(i % tasks);
            var failed = i % 40 == 7;
            id.Value = Guid.CreateVersion7(startedAt).ToString("N");
            task.Value = taskId;
            group.Value = groupName;
            trigger.Value = i % 20 == 3 ? "manual" : "schedule";
            status.Value = failed ? "failed" : "succeeded";
            exit.Value = failed ? 1 : 0;
            at.Value = startedAt.ToString("o", CultureInfo.InvariantCulture);
            ms.Value = startedAt.ToUnixTimeMilliseconds();
            insert.ExecuteNonQuery();
        }
        transaction.Commit();
        return clock.Elapsed;
    }
}
