using NanoClaw.Configuration;

namespace NanoClaw.Runners.Host.Sandbox;

/// <summary>
/// The programs a sandboxed run may start beyond the system's, read-only: the agent command (by
/// default this executable and its .NET runtime, wherever they are installed) and the folders on
/// the run's PATH, so a command found by name outside is found inside too.
/// </summary>
internal static class ProgramMounts
{
    // Where hidden things live (sockets, other processes, devices): a PATH folder there is not bound.
    private static readonly string[] Volatile =
    [
        "/tmp",
        "/run",
        "/var/run",
        "/proc",
        "/sys",
        "/dev",
    ];

    /// <summary>
    /// Bound even inside a confidential folder (e.g. the daemon's program folder is its working
    /// folder), with the confidential parts covered later; never inside the data or groups folder.
    /// </summary>
    public static void AddRuntime(
        BwrapArguments args,
        NanoClawOptions options,
        ConfidentialPaths hidden
    )
    {
        foreach (var dir in RuntimeDirs(options).Select(Normalized))
        {
            var real = SandboxPath.Resolve(dir);
            if (Directory.Exists(real) && !hidden.IsOffLimits(real) && !args.Shows(dir, real))
                args.ReadOnly(real, dir);
        }
    }

    /// <summary>
    /// A PATH folder is a convenience, not a need: it is bound only when it holds nothing
    /// confidential and lies in no confidential or volatile folder but the home (<c>~/.local/bin</c>).
    /// </summary>
    public static void AddSearchPath(
        BwrapArguments args,
        IEnumerable<string?> searchPaths,
        ConfidentialPaths hidden
    )
    {
        var dirs = searchPaths
            .SelectMany(p => (p ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
            .Where(Path.IsPathRooted)
            .Select(Normalized)
            .Distinct(StringComparer.Ordinal);
        foreach (var dir in dirs)
        {
            var real = SandboxPath.Resolve(dir);
            if (
                Directory.Exists(real)
                && real != "/"
                && !hidden.IsOffLimits(real)
                && !hidden.All().Any(c => SandboxPath.IsAtOrUnder(c, real))
                && !IsInside(real, hidden.WorkingDir, hidden.RuntimeDir)
                && (!IsInside(real, Volatile) || IsInside(real, hidden.HomeDir))
                && !args.Shows(dir, real)
            )
                args.ReadOnly(real, dir);
        }
    }

    private static IEnumerable<string> RuntimeDirs(NanoClawOptions options)
    {
        yield return AppContext.BaseDirectory;
        if (Path.GetDirectoryName(Environment.ProcessPath) is { Length: > 0 } processDir)
            yield return processDir;
        if (DotnetRoot() is { } dotnetRoot)
            yield return dotnetRoot;
        if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } configuredRoot)
            yield return configuredRoot;
        var agent = AgentCommandLine.Resolve(options.Host.EffectiveAgentCommand)[0];
        if (Path.IsPathRooted(agent) && Path.GetDirectoryName(agent) is { } agentDir)
            yield return agentDir;
    }

    /// <summary>The folder holding <c>shared/Microsoft.NETCore.App/&lt;version&gt;</c>, the host and the muxer.</summary>
    private static string? DotnetRoot()
    {
        var frameworkDir = Path.GetDirectoryName(typeof(object).Assembly.Location);
        var root = Path.GetDirectoryName(
            Path.GetDirectoryName(Path.GetDirectoryName(frameworkDir))
        );
        return root is not null && Directory.Exists(Path.Combine(root, "host", "fxr"))
            ? root
            : null;
    }

    private static string Normalized(string dir) =>
        Path.TrimEndingDirectorySeparator(Path.GetFullPath(dir));

    private static bool IsInside(string real, params string?[] dirs) =>
        dirs.OfType<string>().Any(dir => SandboxPath.IsAtOrUnder(real, dir));
}
