namespace NanoClaw.Admin;

/// <summary>
/// A group as the admin API lists it. <see cref="State"/> is the group's own pause (<c>normal</c> or
/// <c>paused</c>); <see cref="PausedTasks"/> counts its tasks paused on their own, which stay paused
/// when the group is resumed. <see cref="Running"/> is the run it is running (null when idle),
/// <see cref="Queued"/> how many firings wait for it.
/// </summary>
internal sealed record GroupView(
    string Name,
    bool IsMain,
    string Mode,
    string State,
    int Tasks,
    int PausedTasks = 0,
    RunningRunView? Running = null,
    int Queued = 0
);
