using Dapper;
using NanoClaw.Runs.Sqlite;

namespace NanoClaw.Scheduling;

/// <summary>
/// The tasks an operator paused on their own, kept apart from their group's pause. Quartz has one
/// pause state per trigger and a group's resume resumes every trigger in it, so the store alone
/// cannot say which task was paused for itself; this table can. One daemon owns the store, so the
/// set is also kept in memory for the check made at every firing.
/// </summary>
internal sealed class TaskPauses(SqliteConnectionFactory connections) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private HashSet<(string Group, string TaskId)>? _paused;

    public async Task<IReadOnlySet<(string Group, string TaskId)>> AllAsync(
        CancellationToken cancellationToken = default
    )
    {
        var set = await LoadedAsync(cancellationToken);
        lock (set)
            return set.ToHashSet();
    }

    public async Task<bool> IsPausedAsync(
        string group,
        string taskId,
        CancellationToken cancellationToken = default
    )
    {
        var set = await LoadedAsync(cancellationToken);
        lock (set)
            return set.Contains((group, taskId));
    }

    public async Task AddAsync(
        string group,
        string taskId,
        CancellationToken cancellationToken = default
    )
    {
        await EditAsync(
            "INSERT OR IGNORE INTO nanoclaw_task_pauses (group_name, task_id, paused_at) VALUES (@Group, @TaskId, @At)",
            group,
            taskId,
            set => set.Add((group, taskId)),
            cancellationToken
        );
    }

    public async Task RemoveAsync(
        string group,
        string taskId,
        CancellationToken cancellationToken = default
    )
    {
        await EditAsync(
            "DELETE FROM nanoclaw_task_pauses WHERE group_name = @Group AND task_id = @TaskId",
            group,
            taskId,
            set => set.Remove((group, taskId)),
            cancellationToken
        );
    }

    private async Task EditAsync(
        string sql,
        string group,
        string taskId,
        Action<HashSet<(string, string)>> apply,
        CancellationToken cancellationToken
    )
    {
        var set = await LoadedAsync(cancellationToken);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await connections.OpenAsync(cancellationToken);
            await connection.ExecuteAsync(
                new CommandDefinition(
                    sql,
                    new
                    {
                        Group = group,
                        TaskId = taskId,
                        At = DateTimeOffset.UtcNow.ToString("o"),
                    },
                    cancellationToken: cancellationToken
                )
            );
            // Only once the row is written: memory never says more than the store does.
            lock (set)
                apply(set);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<HashSet<(string Group, string TaskId)>> LoadedAsync(
        CancellationToken cancellationToken
    )
    {
        if (Volatile.Read(ref _paused) is { } loaded)
            return loaded;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_paused is null)
            {
                await using var connection = await connections.OpenAsync(cancellationToken);
                var rows = await connection.QueryAsync<(string Group, string TaskId)>(
                    new CommandDefinition(
                        "SELECT group_name, task_id FROM nanoclaw_task_pauses",
                        cancellationToken: cancellationToken
                    )
                );
                Volatile.Write(ref _paused, [.. rows]);
            }
            return _paused!;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
