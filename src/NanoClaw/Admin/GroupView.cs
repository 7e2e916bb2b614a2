namespace NanoClaw.Admin;

/// <summary>
/// A group as the admin API lists it; <see cref="Running"/> is the run it is running (null when
/// idle), <see cref="Queued"/> how many firings wait for it.
/// </summary>
internal sealed record GroupView(
    string Name,
    bool IsMain,
    string Mode,
    string State,
    int Tasks,
    RunningRunView? Running = null,
    int Queued = 0
);
