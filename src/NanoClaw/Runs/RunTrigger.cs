namespace NanoClaw.Runs;

/// <summary>What started a run.</summary>
public enum RunTrigger
{
    /// <summary>The task's own schedule.</summary>
    Schedule,

    /// <summary>trigger, exec or the admin API.</summary>
    Manual,

    /// <summary>Quartz re-ran a firing whose daemon died while it ran.</summary>
    Recovery,

    /// <summary>A retry of a failed run of the same firing (README "Retries").</summary>
    Retry,
}
