using NanoClaw.Configuration;

namespace NanoClaw.Runners.Host.Sandbox;

/// <summary>
/// What a sandboxed run never sees, as real paths: the daemon's working folder with its
/// configuration and jobs file, the data folder (run store, admin token, other groups' IPC), the
/// groups folder (other groups' files), the mount allow-list, the daemon user's home and its
/// runtime folder (sockets). A folder the run needs that lies around one of them is bound with the
/// confidential part covered.
/// </summary>
internal sealed record ConfidentialPaths
{
    public required string WorkingDir { get; init; }
    public required string DataDir { get; init; }
    public required string GroupsDir { get; init; }
    public string? HomeDir { get; init; }
    public string? RuntimeDir { get; init; }

    /// <summary>Settings, jobs file, mount allow-list: covered even inside the working folder.</summary>
    public required IReadOnlyList<string> Files { get; init; }

    public static ConfidentialPaths From(NanoClawOptions options, NanoClawPaths paths)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(paths);
        var workingDir = SandboxPath.Resolve(Directory.GetCurrentDirectory());
        return new ConfidentialPaths
        {
            WorkingDir = workingDir,
            DataDir = SandboxPath.Resolve(paths.DataDir),
            GroupsDir = SandboxPath.Resolve(paths.GroupsDir),
            HomeDir = Rooted(Environment.GetEnvironmentVariable("HOME")),
            RuntimeDir = Rooted(Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR")),
            Files =
            [
                Path.Combine(workingDir, "appsettings.json"),
                SandboxPath.Resolve(paths.JobsFile),
                SandboxPath.Resolve(options.Container.MountAllowlistPath),
            ],
        };
    }

    /// <summary>Folders no bind may be at or under: their whole point is to stay out of every run.</summary>
    public bool IsOffLimits(string realPath) =>
        SandboxPath.IsAtOrUnder(realPath, DataDir) || SandboxPath.IsAtOrUnder(realPath, GroupsDir);

    /// <summary>Every confidential folder and file, the ones that exist.</summary>
    public IEnumerable<string> All() =>
        new[] { WorkingDir, DataDir, GroupsDir, HomeDir, RuntimeDir }
            .Concat(Files)
            .OfType<string>()
            .Where(path => path != "/" && SandboxPath.Exists(path))
            .Distinct(StringComparer.Ordinal);

    private static string? Rooted(string? path) =>
        !string.IsNullOrEmpty(path) && Path.IsPathRooted(path) ? SandboxPath.Resolve(path) : null;
}
