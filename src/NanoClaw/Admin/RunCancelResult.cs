namespace NanoClaw.Admin;

/// <summary>The answers to "cancel this run" that the admin API and the dashboard both give.</summary>
internal enum RunCancelResult
{
    /// <summary>Running here: stopping; it is recorded <c>cancelled</c> once its processes are gone.</summary>
    Cancelling,

    /// <summary>Queued: dropped and recorded <c>cancelled</c> at once.</summary>
    Cancelled,
    AlreadyEnded,
    RunningElsewhere,
    Starting,
    NotFound,
}
