namespace NanoClaw.Agents.Ipc;

/// <summary>The actions of the IPC protocol (contract §5) and the fields each one takes besides <c>id</c> and <c>action</c>.</summary>
internal static class IpcActions
{
    public const string Schedule = "schedule_task";
    public const string List = "list_tasks";
    public const string Update = "update_task";
    public const string Pause = "pause_task";
    public const string Resume = "resume_task";
    public const string Cancel = "cancel_task";

    /// <summary>Per action: the fields it requires and those it may have.</summary>
    public static readonly IReadOnlyDictionary<
        string,
        (string[] Required, string[] Optional)
    > Fields = new Dictionary<string, (string[], string[])>(StringComparer.Ordinal)
    {
        [Schedule] = (["task"], ["group"]),
        [List] = ([], ["group"]),
        [Update] = (["taskId", "task"], []),
        [Pause] = (["taskId"], []),
        [Resume] = (["taskId"], []),
        [Cancel] = (["taskId"], []),
    };
}
