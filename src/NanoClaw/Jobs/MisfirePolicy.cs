namespace NanoClaw.Jobs;

/// <summary>What happens to a firing that starts later than <c>MisfireThreshold</c>.</summary>
public enum MisfirePolicy
{
    /// <summary>The missed firing runs once, as soon as possible.</summary>
    RunOnce,

    /// <summary>The missed firing is dropped; the task waits for its next time.</summary>
    Skip,
}
