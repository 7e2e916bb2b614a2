namespace NanoClaw.Jobs;

/// <summary>The event names of <c>notify</c> targets (contract §6).</summary>
public static class NotifyEvents
{
    public const string RunFailed = "run.failed";
    public const string RunTimedOut = "run.timed_out";
    public const string RunSucceeded = "run.succeeded";
    public const string TaskFailing = "task.failing";
    public const string TaskRecovered = "task.recovered";

    public static IReadOnlyList<string> All { get; } =
    [RunFailed, RunTimedOut, RunSucceeded, TaskFailing, TaskRecovered];

    /// <summary>"Only on change": what a target without <c>events</c> gets.</summary>
    public static IReadOnlyList<string> OnChange { get; } = [TaskFailing, TaskRecovered];
}
