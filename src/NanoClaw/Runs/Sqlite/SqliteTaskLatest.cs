using Dapper;
using Microsoft.Data.Sqlite;

namespace NanoClaw.Runs.Sqlite;

/// <summary>
/// Reads of <c>nanoclaw_task_latest</c>, each task's newest run, which triggers on
/// <c>nanoclaw_runs</c> keep current (<see cref="SqliteSchema"/>, version 8). A task's newest run is
/// one primary-key lookup; the failing tasks are one seek of its status index.
/// </summary>
internal static class SqliteTaskLatest
{
    /// <summary>The failed statuses a streak is made of, as stored.</summary>
    public const string FailureNames = "('failed', 'timed_out')";

    /// <summary>The newest run of every task that has one.</summary>
    public static string AllSql(string columns) =>
        $"SELECT {columns} FROM nanoclaw_task_latest l CROSS JOIN nanoclaw_runs r ON r.id = l.run_id";

    /// <summary>The newest run of each of <c>@ids</c>.</summary>
    public static string OfSql(string columns) =>
        $"SELECT {columns} FROM nanoclaw_task_latest l CROSS JOIN nanoclaw_runs r ON r.id = l.run_id WHERE l.task_id IN @ids";

    /// <summary>
    /// Up to <c>@limit</c> newest runs of each task whose newest run failed: a range seek of the
    /// (task, time) index from the <c>@limit</c>-th newest start on (ties there may add a few rows,
    /// cut by the caller). Public so a test can read its plan.
    /// </summary>
    public static string StreakSql(string columns) =>
        $"""
            SELECT {columns} FROM nanoclaw_task_latest l CROSS JOIN nanoclaw_runs r
            ON r.task_id = l.task_id AND r.started_at_ms >= coalesce((
                SELECT x.started_at_ms FROM nanoclaw_runs x WHERE x.task_id = l.task_id
                ORDER BY x.started_at_ms DESC, x.id DESC LIMIT 1 OFFSET @limit - 1), -9223372036854775808)
            WHERE l.status IN {FailureNames}
            """;

    public static async Task<IReadOnlyDictionary<string, RunRecord>> OfAsync(
        SqliteConnection connection,
        string columns,
        IReadOnlyCollection<string> taskIds,
        CancellationToken cancellationToken
    )
    {
        var found = new Dictionary<string, RunRecord>(StringComparer.Ordinal);
        // Within SQLite's parameter limit, whatever the page size.
        foreach (var chunk in taskIds.Distinct(StringComparer.Ordinal).Chunk(500))
        {
            var rows = await connection.QueryAsync<RunRow>(
                new CommandDefinition(
                    OfSql(columns),
                    new { ids = chunk },
                    cancellationToken: cancellationToken
                )
            );
            foreach (var row in rows)
                found[row.TaskId!] = row.ToRecord();
        }
        return found;
    }

    public static async Task<IReadOnlyList<FailureStreak>> StreaksAsync(
        SqliteConnection connection,
        string columns,
        int limit,
        CancellationToken cancellationToken
    )
    {
        var rows = await connection.QueryAsync<RunRow>(
            new CommandDefinition(
                StreakSql(columns),
                new { limit = Math.Max(1, limit) },
                cancellationToken: cancellationToken
            )
        );
        return
        [
            .. rows.GroupBy(r => r.TaskId!, StringComparer.Ordinal)
                .Select(g =>
                {
                    var newest = g.OrderByDescending(r => r.StartedAtMs)
                        .ThenByDescending(r => r.Id, StringComparer.Ordinal)
                        .Take(limit)
                        .Select(r => r.ToRecord())
                        .ToList();
                    var streak = newest.TakeWhile(r => IsFailure(r.Status)).ToList();
                    return (Newest: newest, Streak: streak);
                })
                // Every task listed has a failed newest run; the check keeps a bad row from throwing.
                .Where(s => s.Streak.Count > 0)
                .Select(s => new FailureStreak(
                    s.Newest[0],
                    s.Streak.Count,
                    s.Streak[^1].StartedAt
                )),
        ];
    }

    private static bool IsFailure(RunStatus status) =>
        status is RunStatus.Failed or RunStatus.TimedOut;
}
