namespace NanoClaw.Runs;

/// <summary>
/// Run history. A row is written when a run starts (<see cref="RunStatus.Running"/>) and completed
/// when it ends, so a crash leaves evidence. SQLite now; PostgreSQL sits beside it for clustering.
/// </summary>
public interface IRunStore
{
    /// <summary>Creates the schema if missing. Safe to call on every start.</summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>Takes and releases the store's write lock: throws while another process holds it or the store refuses writes.</summary>
    Task ProbeWriteAsync(CancellationToken cancellationToken = default);

    Task InsertAsync(RunRecord run, CancellationToken cancellationToken = default);

    /// <summary>Overwrites the row of <paramref name="run"/>'s id with its final state.</summary>
    Task CompleteAsync(RunRecord run, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes a <see cref="RunStatus.Queued"/> record unless the run has a row already (it may have
    /// started before this write); true if it was written.
    /// </summary>
    Task<bool> InsertQueuedAsync(RunRecord run, CancellationToken cancellationToken = default);

    /// <summary>
    /// Ends a run that never started: its row becomes <paramref name="status"/> with
    /// <paramref name="reason"/> as its error, only if it is still <see cref="RunStatus.Queued"/>; true if it was.
    /// </summary>
    Task<bool> SettleQueuedAsync(
        string runId,
        RunStatus status,
        string reason,
        CancellationToken cancellationToken = default
    );

    Task<RunRecord?> GetAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>The newest run that carried out the firing <paramref name="firingId"/> (<see cref="RunRecord.FiringId"/>), or null.</summary>
    Task<RunRecord?> FindFiringAsync(
        string firingId,
        CancellationToken cancellationToken = default
    );

    Task<IReadOnlyList<RunRecord>> ListAsync(
        RunQuery query,
        CancellationToken cancellationToken = default
    );

    /// <summary>A page of run history by every filter the dashboard offers; each combination is an index seek.</summary>
    Task<RunPage> PageAsync(RunPageQuery query, CancellationToken cancellationToken = default);

    /// <summary>Runs started since <paramref name="since"/>, counted by the UTC hour they started in and their status.</summary>
    Task<IReadOnlyList<RunActivityCount>> CountByHourAsync(
        DateTimeOffset since,
        CancellationToken cancellationToken = default
    );

    /// <summary>Marks <paramref name="node"/>'s rows still <c>running</c> as <c>interrupted</c>; returns how many.</summary>
    Task<int> MarkInterruptedAsync(string node, CancellationToken cancellationToken = default);

    /// <summary>The agent session a <c>contextMode: group</c> run continues, or null.</summary>
    Task<string?> GetSessionIdAsync(string group, CancellationToken cancellationToken = default);

    Task SaveSessionIdAsync(
        string group,
        string sessionId,
        CancellationToken cancellationToken = default
    );

    /// <summary>Records that a once-task's firing at <paramref name="onceAt"/> happened, so a restart never re-creates it.</summary>
    Task MarkOnceFiredAsync(
        string taskId,
        DateTimeOffset onceAt,
        CancellationToken cancellationToken = default
    );

    Task<bool> HasOnceFiredAsync(
        string taskId,
        DateTimeOffset onceAt,
        CancellationToken cancellationToken = default
    );

    /// <summary>The newest run of every task that has one, by task id.</summary>
    Task<IReadOnlyDictionary<string, RunRecord>> LatestByTaskAsync(
        CancellationToken cancellationToken = default
    );

    /// <summary>The newest run of each of <paramref name="taskIds"/> that has one, by task id.</summary>
    Task<IReadOnlyDictionary<string, RunRecord>> LatestOfAsync(
        IReadOnlyCollection<string> taskIds,
        CancellationToken cancellationToken = default
    );

    /// <summary>
    /// Every task whose newest run failed or timed out, with how many of its newest runs in a row did,
    /// counted up to <paramref name="limit"/>: one query, whatever the number of tasks.
    /// </summary>
    Task<IReadOnlyList<FailureStreak>> FailureStreaksAsync(
        int limit,
        CancellationToken cancellationToken = default
    );

    /// <summary>
    /// Deletes finished runs started before <paramref name="olderThan"/> (if given) and, of each
    /// task, all but its <paramref name="keepPerTask"/> newest finished runs (if above zero).
    /// Returns how many were deleted and their log files, for the caller to remove.
    /// </summary>
    Task<PruneResult> PruneAsync(
        DateTimeOffset? olderThan,
        int keepPerTask,
        CancellationToken cancellationToken = default
    );

    /// <summary>
    /// The definition hash of each jobs-file task as the last sync left it in the scheduler, by
    /// (group, task id). A cache for the sync: it spares reading every stored trigger back.
    /// </summary>
    Task<IReadOnlyDictionary<(string Group, string TaskId), string>> GetSyncedTaskHashesAsync(
        CancellationToken cancellationToken = default
    );

    /// <summary>Replaces the whole set of synced task hashes, in one transaction.</summary>
    Task SaveSyncedTaskHashesAsync(
        IReadOnlyDictionary<(string Group, string TaskId), string> hashes,
        CancellationToken cancellationToken = default
    );
}
