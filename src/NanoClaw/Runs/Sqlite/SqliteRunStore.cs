using Dapper;
using NanoClaw.Files;

namespace NanoClaw.Runs.Sqlite;

/// <summary>Run history in the SQLite file Quartz uses too; our tables are prefixed <c>nanoclaw_</c>.</summary>
internal sealed class SqliteRunStore(SqliteConnectionFactory connections) : IRunStore
{
    private const string Columns =
        "id AS Id, task_id AS TaskId, group_name AS GroupName, mode AS Mode, trigger_kind AS TriggerKind, status AS Status, "
        + "exit_code AS ExitCode, scheduled_at AS ScheduledAt, started_at AS StartedAt, started_at_ms AS StartedAtMs, "
        + "finished_at AS FinishedAt, duration_ms AS DurationMs, result AS Result, stdout AS Stdout, stderr AS Stderr, "
        + "stdout_truncated AS StdoutTruncated, stderr_truncated AS StderrTruncated, error AS Error, node AS Node, log_path AS LogPath, firing_id AS FiringId, "
        + "attempt AS Attempt, retry_of AS RetryOf, prompt AS Prompt, session_id AS SessionId, new_session_id AS NewSessionId, "
        + "input_recorded AS InputRecorded";

    /// <summary><see cref="Columns"/> of the table aliased <c>r</c>, for joins.</summary>
    private static readonly string Prefixed = Qualified(Columns);

    /// <summary>The columns with the output and result left out: for reads of many runs that show neither.</summary>
    private static readonly string WithoutOutput = Qualified(Columns)
        .Replace("r.stdout AS Stdout", "'' AS Stdout", StringComparison.Ordinal)
        .Replace("r.stderr AS Stderr", "'' AS Stderr", StringComparison.Ordinal)
        .Replace("r.result AS Result", "NULL AS Result", StringComparison.Ordinal);

    private static string Qualified(string columns) =>
        string.Join(", ", columns.Split(", ").Select(c => "r." + c));

    private const string Upsert = """
        INSERT OR REPLACE INTO nanoclaw_runs (id, task_id, group_name, mode, trigger_kind, status, exit_code, scheduled_at,
            started_at, started_at_ms, finished_at, duration_ms, result, stdout, stderr, stdout_truncated, stderr_truncated,
            error, node, log_path, firing_id, attempt, retry_of, prompt, session_id, new_session_id, input_recorded)
        VALUES (@Id, @TaskId, @GroupName, @Mode, @TriggerKind, @Status, @ExitCode, @ScheduledAt, @StartedAt, @StartedAtMs,
            @FinishedAt, @DurationMs, @Result, @Stdout, @Stderr, @StdoutTruncated, @StderrTruncated, @Error, @Node, @LogPath, @FiringId,
            @Attempt, @RetryOf, @Prompt, @SessionId, @NewSessionId, @InputRecorded)
        """;

    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        PrivateDataDirectory.EnsureDatabaseFile(connections.DatabaseFile);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await SqliteSchema.ApplyAsync(connection, cancellationToken);
    }

    public async Task ProbeWriteAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            new CommandDefinition(
                "BEGIN IMMEDIATE; ROLLBACK;",
                cancellationToken: cancellationToken
            )
        );
    }

    public async Task InsertAsync(RunRecord run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            new CommandDefinition(Upsert, RunRow.From(run), cancellationToken: cancellationToken)
        );
    }

    public async Task<bool> InsertQueuedAsync(
        RunRecord run,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(run);
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(
                new CommandDefinition(
                    Upsert.Replace(
                        "INSERT OR REPLACE",
                        "INSERT OR IGNORE",
                        StringComparison.Ordinal
                    ),
                    RunRow.From(run),
                    cancellationToken: cancellationToken
                )
            ) > 0;
    }

    public async Task<bool> SettleQueuedAsync(
        string runId,
        RunStatus status,
        string reason,
        CancellationToken cancellationToken = default
    )
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var now = DateTimeOffset.UtcNow;
        return await connection.ExecuteAsync(
                new CommandDefinition(
                    """
                    UPDATE nanoclaw_runs SET status = @status, finished_at = @finishedAt, duration_ms = 0, error = @error
                    WHERE id = @runId AND status = 'queued'
                    """,
                    new
                    {
                        runId,
                        status = RunStatusNames.ToName(status),
                        error = reason,
                        finishedAt = now.ToString(
                            "o",
                            System.Globalization.CultureInfo.InvariantCulture
                        ),
                    },
                    cancellationToken: cancellationToken
                )
            ) > 0;
    }

    public Task CompleteAsync(RunRecord run, CancellationToken cancellationToken = default) =>
        InsertAsync(run, cancellationToken);

    public async Task<RunRecord?> GetAsync(
        string runId,
        CancellationToken cancellationToken = default
    )
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<RunRow>(
            new CommandDefinition(
                $"SELECT {Columns} FROM nanoclaw_runs WHERE id = @runId",
                new { runId },
                cancellationToken: cancellationToken
            )
        );
        return row?.ToRecord();
    }

    public async Task<RunRecord?> FindFiringAsync(
        string firingId,
        CancellationToken cancellationToken = default
    )
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QueryFirstOrDefaultAsync<RunRow>(
            new CommandDefinition(
                $"SELECT {Columns} FROM nanoclaw_runs WHERE firing_id = @firingId ORDER BY started_at_ms DESC, id DESC LIMIT 1",
                new { firingId },
                cancellationToken: cancellationToken
            )
        );
        return row?.ToRecord();
    }

    public async Task<IReadOnlyList<RunRecord>> ListAsync(
        RunQuery query,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(query);
        var filters = new List<string>();
        if (query.TaskId is not null)
            filters.Add("task_id = @TaskId");
        if (query.Group is not null)
            filters.Add("group_name = @Group");
        if (query.Status is not null)
            filters.Add("status = @Status");
        // A range on the primary key, so a prefix is a seek; U+FFFF sorts after any id character.
        if (query.IdPrefix is not null)
            filters.Add("id >= @IdPrefix AND id < @IdPrefix || char(65535)");
        var where = filters.Count == 0 ? "" : "WHERE " + string.Join(" AND ", filters);
        var sql =
            $"SELECT {Columns} FROM nanoclaw_runs {where} ORDER BY started_at_ms DESC, id DESC LIMIT @Limit";
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<RunRow>(
            new CommandDefinition(
                sql,
                new
                {
                    query.TaskId,
                    query.Group,
                    query.IdPrefix,
                    Status = query.Status is { } status ? RunStatusNames.ToName(status) : null,
                    query.Limit,
                },
                cancellationToken: cancellationToken
            )
        );
        return [.. rows.Select(r => r.ToRecord())];
    }

    public async Task<RunPage> PageAsync(
        RunPageQuery query,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await SqliteRunPages.PageAsync(connection, Columns, query, cancellationToken);
    }

    public async Task<IReadOnlyList<RunActivityCount>> CountByHourAsync(
        DateTimeOffset since,
        CancellationToken cancellationToken = default
    )
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await SqliteRunPages.CountByHourAsync(connection, since, cancellationToken);
    }

    public async Task<int> MarkInterruptedAsync(
        string node,
        CancellationToken cancellationToken = default
    )
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var now = DateTimeOffset.UtcNow;
        return await connection.ExecuteAsync(
            new CommandDefinition(
                """
                UPDATE nanoclaw_runs SET status = 'interrupted', finished_at = @finishedAt,
                    duration_ms = @nowMs - started_at_ms, error = 'the daemon stopped while this run was running'
                WHERE status = 'running' AND node = @node
                """,
                new
                {
                    node,
                    finishedAt = now.ToString(
                        "o",
                        System.Globalization.CultureInfo.InvariantCulture
                    ),
                    nowMs = now.ToUnixTimeMilliseconds(),
                },
                cancellationToken: cancellationToken
            )
        );
    }

    public async Task<string?> GetSessionIdAsync(
        string group,
        CancellationToken cancellationToken = default
    )
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<string?>(
            new CommandDefinition(
                "SELECT session_id FROM nanoclaw_group_sessions WHERE group_name = @group",
                new { group },
                cancellationToken: cancellationToken
            )
        );
    }

    public async Task SaveSessionIdAsync(
        string group,
        string sessionId,
        CancellationToken cancellationToken = default
    )
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            new CommandDefinition(
                "INSERT OR REPLACE INTO nanoclaw_group_sessions (group_name, session_id, updated_at) VALUES (@group, @sessionId, @updatedAt)",
                new
                {
                    group,
                    sessionId,
                    updatedAt = DateTimeOffset.UtcNow.ToString(
                        "o",
                        System.Globalization.CultureInfo.InvariantCulture
                    ),
                },
                cancellationToken: cancellationToken
            )
        );
    }

    public async Task MarkOnceFiredAsync(
        string taskId,
        DateTimeOffset onceAt,
        CancellationToken cancellationToken = default
    )
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            new CommandDefinition(
                "INSERT OR IGNORE INTO nanoclaw_once_fired (task_id, once_at_ms) VALUES (@taskId, @onceAtMs)",
                new { taskId, onceAtMs = onceAt.ToUnixTimeMilliseconds() },
                cancellationToken: cancellationToken
            )
        );
    }

    public async Task<bool> HasOnceFiredAsync(
        string taskId,
        DateTimeOffset onceAt,
        CancellationToken cancellationToken = default
    )
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(
                new CommandDefinition(
                    "SELECT COUNT(*) FROM nanoclaw_once_fired WHERE task_id = @taskId AND once_at_ms = @onceAtMs",
                    new { taskId, onceAtMs = onceAt.ToUnixTimeMilliseconds() },
                    cancellationToken: cancellationToken
                )
            ) > 0;
    }

    public async Task<IReadOnlyDictionary<string, RunRecord>> LatestByTaskAsync(
        CancellationToken cancellationToken = default
    )
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<RunRow>(
            new CommandDefinition(
                SqliteTaskLatest.AllSql(Prefixed),
                cancellationToken: cancellationToken
            )
        );
        return rows.Select(r => r.ToRecord()).ToDictionary(r => r.TaskId!, StringComparer.Ordinal);
    }

    public async Task<IReadOnlyDictionary<string, RunRecord>> LatestOfAsync(
        IReadOnlyCollection<string> taskIds,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(taskIds);
        if (taskIds.Count == 0)
            return new Dictionary<string, RunRecord>();
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await SqliteTaskLatest.OfAsync(connection, Prefixed, taskIds, cancellationToken);
    }

    public async Task<IReadOnlyList<FailureStreak>> FailureStreaksAsync(
        int limit,
        CancellationToken cancellationToken = default
    )
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await SqliteTaskLatest.StreaksAsync(
            connection,
            WithoutOutput,
            limit,
            cancellationToken
        );
    }

    public async Task<PruneResult> PruneAsync(
        DateTimeOffset? olderThan,
        int keepPerTask,
        CancellationToken cancellationToken = default
    )
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await SqliteRunPruning.PruneAsync(
            connection,
            olderThan,
            keepPerTask,
            cancellationToken
        );
    }

    public async Task<
        IReadOnlyDictionary<(string Group, string TaskId), string>
    > GetSyncedTaskHashesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Group, string TaskId, string Hash)>(
            new CommandDefinition(
                "SELECT group_name, task_id, hash FROM nanoclaw_synced_tasks",
                cancellationToken: cancellationToken
            )
        );
        return rows.ToDictionary(r => (r.Group, r.TaskId), r => r.Hash);
    }

    public async Task SaveSyncedTaskHashesAsync(
        IReadOnlyDictionary<(string Group, string TaskId), string> hashes,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(hashes);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(
            new CommandDefinition(
                "DELETE FROM nanoclaw_synced_tasks",
                transaction: transaction,
                cancellationToken: cancellationToken
            )
        );
        await connection.ExecuteAsync(
            new CommandDefinition(
                "INSERT INTO nanoclaw_synced_tasks (group_name, task_id, hash) VALUES (@Group, @TaskId, @Hash)",
                hashes.Select(h => new
                {
                    h.Key.Group,
                    h.Key.TaskId,
                    Hash = h.Value,
                }),
                transaction,
                cancellationToken: cancellationToken
            )
        );
        await transaction.CommitAsync(cancellationToken);
    }
}
