namespace NanoClaw.Runs;

/// <summary>A run's state; serialised snake_case (<c>timed_out</c>) as the contract names them.</summary>
public enum RunStatus
{
    Running,
    Succeeded,
    Failed,
    TimedOut,
    Interrupted,
    Cancelled,

    /// <summary>Accepted (trigger, exec) and waiting for its group; its record is replaced when it starts.</summary>
    Queued,

    /// <summary>A gate script decided not to wake the agent: nothing failed, nothing ran.</summary>
    Skipped,
}
