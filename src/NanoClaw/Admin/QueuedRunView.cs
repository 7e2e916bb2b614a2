namespace NanoClaw.Admin;

/// <summary>
/// The answer to trigger and exec: the run is queued on its group; its id is known already.
/// <see cref="GroupPaused"/> says it will wait until the group is resumed.
/// </summary>
internal sealed record QueuedRunView(
    string RunId,
    string Group,
    string? TaskId,
    bool GroupPaused = false
);
