namespace NanoClaw.Jobs;

/// <summary>
/// Who owns a task: the jobs file (synced), the admin API, or an agent through its group's IPC
/// folder. Only file tasks are touched by sync; only agent tasks can be changed by agents.
/// </summary>
public enum TaskSource
{
    File,
    Api,
    Agent,
}
