using Dapper;
using Microsoft.Data.Sqlite;

namespace NanoClaw.Runs.Sqlite;

/// <summary>
/// History retention for <see cref="SqliteRunStore"/>. Deletes go in small batches so the daemon's
/// own writes (a run starting, a trigger firing) never wait long behind a big delete; running rows
/// are never touched.
/// </summary>
internal static class SqliteRunPruning
{
    private const int BatchSize = 2000;

    public static async Task<PruneResult> PruneAsync(
        SqliteConnection connection,
        DateTimeOffset? olderThan,
        int keepPerTask,
        CancellationToken cancellationToken
    )
    {
        var logs = new List<string>();
        var deleted = 0;
        if (olderThan is { } cutoff)
            deleted += await DeleteBatchesAsync(
                connection,
                "started_at_ms < @cutoffMs",
                new { cutoffMs = cutoff.ToUnixTimeMilliseconds() },
                logs,
                cancellationToken
            );
        if (keepPerTask > 0)
        {
            var tasks = await connection.QueryAsync<string>(
                new CommandDefinition(
                    "SELECT DISTINCT task_id FROM nanoclaw_runs WHERE task_id IS NOT NULL",
                    cancellationToken: cancellationToken
                )
            );
            foreach (var taskId in tasks)
            {
                // The start time of the newest run beyond the kept ones: one index seek per task.
                var boundary = await connection.ExecuteScalarAsync<long?>(
                    new CommandDefinition(
                        """
                        SELECT started_at_ms FROM nanoclaw_runs WHERE task_id = @taskId
                        ORDER BY started_at_ms DESC LIMIT 1 OFFSET @keepPerTask
                        """,
                        new { taskId, keepPerTask },
                        cancellationToken: cancellationToken
                    )
                );
                if (boundary is { } ms)
                    deleted += await DeleteBatchesAsync(
                        connection,
                        "task_id = @taskId AND started_at_ms <= @ms",
                        new { taskId, ms },
                        logs,
                        cancellationToken
                    );
            }
        }
        return new PruneResult(deleted, logs);
    }

    private static async Task<int> DeleteBatchesAsync(
        SqliteConnection connection,
        string where,
        object parameters,
        List<string> logs,
        CancellationToken cancellationToken
    )
    {
        var sql = $"""
            DELETE FROM nanoclaw_runs WHERE rowid IN (
                SELECT rowid FROM nanoclaw_runs WHERE {where} AND status NOT IN ('running', 'queued') LIMIT {BatchSize})
            RETURNING log_path
            """;
        var total = 0;
        while (true)
        {
            var deleted = (
                await connection.QueryAsync<string?>(
                    new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)
                )
            ).ToList();
            logs.AddRange(deleted.OfType<string>());
            total += deleted.Count;
            if (deleted.Count < BatchSize)
                return total;
        }
    }
}
