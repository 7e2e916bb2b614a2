using System.Diagnostics;

namespace NanoClaw.Runners.Processes;

/// <summary>
/// A PID namespace per run, through util-linux's <c>unshare --pid --fork --kill-child</c>: the
/// run's first process is the namespace's init, and when it exits the kernel kills everything else
/// in the namespace, whatever it did to leave its process group (setsid, double fork). A root daemon
/// creates it directly; any other user through a user namespace that maps it to itself
/// (<c>--map-current-user</c>), so the run keeps its uid and gains no privilege on the host.
/// </summary>
/// <remarks>
/// The run sees the host's <c>/proc</c> (no mount namespace, so its mounts stay the host's) but
/// namespace-local process ids from <c>$!</c> and <c>getpid()</c>.
/// </remarks>
internal static class PidNamespace
{
    private static readonly Lazy<string[]?> Probed = new(Probe);

    /// <summary>The argv prefix, or null where the machine refuses PID namespaces (then escaped children can outlive a run).</summary>
    public static IReadOnlyList<string>? Prefix => Probed.Value;

    public static bool IsAvailable => Probed.Value is not null;

    private static string[]? Probe()
    {
        if (!OperatingSystem.IsLinux() || ExecutableSearch.Find("unshare") is not { } unshare)
            return null;
        string[] prefix = Environment.IsPrivilegedProcess
            ? [unshare, "--pid", "--fork", "--kill-child"]
            : [unshare, "--map-current-user", "--pid", "--fork", "--kill-child"];
        var probe = new ProcessStartInfo(prefix[0])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in prefix.Skip(1).Append(ExecutableSearch.Find("true") ?? "/bin/true"))
            probe.ArgumentList.Add(arg);
        try
        {
            using var process = Process.Start(probe);
            if (process is null)
                return null;
            if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                process.Kill(entireProcessTree: true);
                return null;
            }
            return process.ExitCode == 0 ? prefix : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
