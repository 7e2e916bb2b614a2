namespace NanoClaw.Telemetry;

/// <summary>How one attempt to deliver a notification ended, as a metric label.</summary>
internal enum DeliveryOutcome
{
    /// <summary>The target took it (a 2xx answer, or the command exited 0).</summary>
    Delivered,

    /// <summary>This attempt failed; another one is scheduled.</summary>
    Failed,

    /// <summary>This attempt failed and it was the last: the event is not delivered.</summary>
    GaveUp,
}
