using Quartz;

namespace NanoClaw.Scheduling;

/// <summary>
/// How NanoClaw names things in the Quartz store: a group is a job, a task is a trigger of it
/// (trigger group = the group's name), an ad hoc run is a one-shot trigger named <c>manual:&lt;runId&gt;</c>.
/// </summary>
internal static class QuartzKeys
{
    /// <summary>The Quartz job group all NanoClaw group jobs live in.</summary>
    public const string JobGroup = "nanoclaw";

    /// <summary>':' cannot appear in a task id, so a manual trigger never collides with a task's.</summary>
    private const string ManualPrefix = "manual:";

    public static JobKey Job(string group) => new(group, JobGroup);

    public static TriggerKey Task(string group, string taskId) => new(taskId, group);

    public static TriggerKey Manual(string group, string runId) => new(ManualName(runId), group);

    public static string ManualName(string runId) => ManualPrefix + runId;

    /// <summary>The run id a manual trigger carries in its name.</summary>
    public static string RunIdOf(TriggerKey manual)
    {
        ArgumentNullException.ThrowIfNull(manual);
        return manual.Name[ManualPrefix.Length..];
    }

    /// <summary>A pending retry: <c>retry:&lt;taskId&gt;:&lt;runId&gt;</c> (README "Retries").</summary>
    private const string RetryPrefix = "retry:";

    public static TriggerKey Retry(string group, string taskId, string runId) =>
        new(RetryPrefixOf(taskId) + runId, group);

    /// <summary>The name prefix of every pending retry of <paramref name="taskId"/>.</summary>
    public static string RetryPrefixOf(string taskId) => RetryPrefix + taskId + ":";

    public static bool IsRetry(TriggerKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Name.StartsWith(RetryPrefix, StringComparison.Ordinal);
    }

    public static bool IsManual(TriggerKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Name.StartsWith(ManualPrefix, StringComparison.Ordinal);
    }

    /// <summary>
    /// A task's own trigger: named after the task, in the trigger group of its job's group. Manual
    /// runs, pending retries and the recovery triggers Quartz stores for interrupted firings
    /// (<c>RECOVERING_JOBS</c>) are not tasks, and a sync must never delete them.
    /// </summary>
    public static bool IsTask(TriggerKey key, JobKey job)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(job);
        return job.Group == JobGroup && key.Group == job.Name && !IsManual(key) && !IsRetry(key);
    }
}
