namespace NanoClaw.Scheduling;

/// <summary>
/// Keys in the Quartz JobDataMaps. Values are JSON strings (the store keeps job data as strings), so
/// the store stays readable and a firing needs nothing but its own trigger and job.
/// </summary>
internal static class JobDataKeys
{
    /// <summary>On a group job: the <see cref="Jobs.GroupDefinition"/>.</summary>
    public const string Group = "nanoclaw.group";

    /// <summary>On a task trigger: the <see cref="Jobs.TaskDefinition"/>.</summary>
    public const string Task = "nanoclaw.task";

    /// <summary>On a task trigger: the hash of its definition, compared by the jobs-file sync.</summary>
    public const string TaskHash = "nanoclaw.taskHash";

    /// <summary>On a manual trigger: the <see cref="ManualRun"/>.</summary>
    public const string Manual = "nanoclaw.manual";

    /// <summary>On a retry trigger: the <see cref="Retries.RetryRun"/>.</summary>
    public const string Retry = "nanoclaw.retry";
}
