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
    /// <summary>
    /// How long the probe may take. A machine under load can take seconds to start a process; a
    /// probe that has not answered by then is not a refusal (see <see cref="Probe"/>).
    /// </summary>
    private static readonly TimeSpan ProbeWait = TimeSpan.FromSeconds(60);

    private static readonly Lock Gate = new();
    private static (string[]? Prefix, bool Known) _probed;

    /// <summary>The argv prefix, or null where the machine refuses PID namespaces (then escaped children can outlive a run).</summary>
    public static IReadOnlyList<string>? Prefix
    {
        get
        {
            lock (Gate)
            {
                if (!_probed.Known)
                    _probed = Probe();
                return _probed.Prefix;
            }
        }
    }

    public static bool IsAvailable => Prefix is not null;

    /// <summary>
    /// Runs <c>unshare … true</c> once: a refusal (a non-zero exit, no unshare) is kept. A probe that
    /// does not answer in time is not kept, and the namespace is used meanwhile: a run whose
    /// unshare then fails says so, where dropping the namespace would let its escaped children
    /// outlive it without a word.
    /// </summary>
    private static (string[]? Prefix, bool Known) Probe()
    {
        if (!OperatingSystem.IsLinux() || ExecutableSearch.Find("unshare") is not { } unshare)
            return (null, true);
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
                return (null, true);
            if (!process.WaitForExit(ProbeWait))
            {
                process.Kill(entireProcessTree: true);
                return (prefix, false);
            }
            return (process.ExitCode == 0 ? prefix : null, true);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return (null, true);
        }
    }
}
