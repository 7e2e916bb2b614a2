namespace NanoClaw.Agents.Ipc;

/// <summary>The names inside a group's IPC folder (contract §5).</summary>
internal static class IpcLayout
{
    public const string Requests = "requests";
    public const string Responses = "responses";

    /// <summary>All permission bits: the umask applies, as for the group's IPC folder itself.</summary>
    public const UnixFileMode FolderMode = (UnixFileMode)0x1FF;

    /// <summary><c>&lt;name&gt;.json</c>; anything else (a temporary name, a hidden file) is still being written.</summary>
    public static bool IsRequestName(string name) =>
        name.Length > ".json".Length
        && name.EndsWith(".json", StringComparison.Ordinal)
        && !name.StartsWith('.');
}
