namespace NanoClaw.Configuration;

/// <summary>Every file and folder NanoClaw uses, resolved to absolute paths against the current directory.</summary>
public sealed record NanoClawPaths
{
    public required string DataDir { get; init; }
    public required string GroupsDir { get; init; }
    public required string JobsFile { get; init; }

    public string DatabaseFile => Path.Combine(DataDir, "nanoclaw.db");
    public string AdminTokenFile => Path.Combine(DataDir, "admin.token");
    public string DaemonLogDir => Path.Combine(DataDir, "logs");
    public string GlobalDir => Path.Combine(GroupsDir, "global");
    public string IpcRootDir => Path.Combine(DataDir, "ipc");

    /// <summary>Final run records the store refused, written at the next start (see <c>HeldRecords</c>).</summary>
    public string HeldRunsDir => Path.Combine(DataDir, "held-runs");

    public static NanoClawPaths From(NanoClawOptions options, string? baseDir = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var root = baseDir ?? Directory.GetCurrentDirectory();
        return new NanoClawPaths
        {
            DataDir = Path.GetFullPath(options.DataDirectory, root),
            GroupsDir = Path.GetFullPath(options.GroupsDirectory, root),
            JobsFile = Path.GetFullPath(options.JobsFile, root),
        };
    }

    /// <remarks>Callers pass names validated by the jobs file's name rule, so they cannot escape the folder.</remarks>
    public string GroupDir(string group) => Path.Combine(GroupsDir, group);

    public string GroupLogsDir(string group) => Path.Combine(GroupsDir, group, "logs");

    public string IpcDir(string group) => Path.Combine(IpcRootDir, group);
}
