namespace NanoClaw.Admin;

/// <summary>
/// <c>GET /api/status</c>: the daemon at a glance. <see cref="FailingTasks"/> (tasks whose latest run
/// failed or timed out) come first because they are what an operator looks for.
/// </summary>
internal sealed record StatusView
{
    public required IReadOnlyList<FailingTaskView> FailingTasks { get; init; }
    public required string Node { get; init; }
    public required string Version { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required long UptimeSeconds { get; init; }
    public required StoreStatusView Store { get; init; }
    public required int Tasks { get; init; }
    public required int PausedTasks { get; init; }
    public required int Groups { get; init; }
    public required int RunningRuns { get; init; }
    public required int QueuedRuns { get; init; }
    public required IReadOnlyList<FailureView> LastFailures { get; init; }
}

/// <summary>The run store as <c>status</c> shows it: where it is and whether it takes writes.</summary>
internal sealed record StoreStatusView(
    string Provider,
    string Path,
    string Health,
    string? Problem
);

/// <summary>
/// A task whose latest run failed or timed out: how many of its runs in a row did
/// (<see cref="Failures"/>, counted up to 50) and since when.
/// </summary>
internal sealed record FailingTaskView(
    string TaskId,
    string Group,
    string Status,
    string RunId,
    DateTimeOffset At,
    int Failures,
    DateTimeOffset Since,
    string? Error
);

/// <summary>One of the latest failed or timed-out runs.</summary>
internal sealed record FailureView(
    string Id,
    string? TaskId,
    string Group,
    string Status,
    DateTimeOffset At,
    string? Error
);
