namespace NanoClaw.Jobs;

/// <summary>Who owns a task: the jobs file (synced) or the admin API (never touched by sync).</summary>
public enum TaskSource
{
    File,
    Api,
}
