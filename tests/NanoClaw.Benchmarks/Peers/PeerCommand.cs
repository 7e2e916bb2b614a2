using System.Diagnostics;

namespace NanoClaw.Benchmarks.Peers;

/// <summary>
/// What a peer's job does per run, the same for both: <c>Process.Start</c> of the command and a wait
/// for its exit, then one row in the run log. No output capture, no tree kill, no env filtering.
/// </summary>
internal static class PeerCommand
{
    public static void Run(
        PeerWorkload workload,
        PeerRunLog log,
        string task,
        string group,
        long scheduledMs
    )
    {
        var started = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var info = new ProcessStartInfo(workload.Command[0]) { UseShellExecute = false };
        foreach (var arg in workload.Command.Skip(1))
            info.ArgumentList.Add(arg);
        int exitCode;
        using (var process = Process.Start(info)!)
        {
            process.WaitForExit();
            exitCode = process.ExitCode;
        }
        var finished = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        log.Insert(task, group, scheduledMs, started, finished, exitCode);
    }
}
