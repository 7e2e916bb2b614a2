using System.Globalization;
using NanoClaw.Benchmarks.Support;
using static NanoClaw.Benchmarks.Support.Figures;

namespace NanoClaw.Benchmarks.Scenarios;

/// <summary>
/// I1: what an idle daemon costs when nothing is due. The real daemon with one daily task (and again
/// with 3 groups whose IPC folders exist, the admin API on as shipped) is left alone past start-up,
/// then its CPU time (user + system, <c>/proc/PID/stat</c>), its wakeups (context switches summed over
/// its threads) and its VmRSS are read over a quiet window.
/// </summary>
public static class IdleScenario
{
    private const double CoreTargetPercent = 0.05;
    private const double RssTargetMb = 80;

    public static async Task<IReadOnlyList<Result>> RunAsync(BenchmarkSizes sizes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        return
        [
            .. await MeasureAsync(sizes, groups: 1, "one daily task"),
            .. await MeasureAsync(sizes, groups: 3, "3 groups with IPC folders, a daily task each"),
        ];
    }

    private static async Task<IReadOnlyList<Result>> MeasureAsync(
        BenchmarkSizes sizes,
        int groups,
        string what
    )
    {
        using var workspace = new BenchWorkspace(n =>
        {
            // As shipped: four runs at once, the sandbox on (nothing runs while idle either way).
            n["MaxConcurrentRuns"] = 4;
            n["Host"]!["Sandbox"] = true;
        });
        var jobs = new JobsFileText();
        for (var g = 0; g < groups; g++)
        {
            var group = g == 0 ? "main" : $"g{g}";
            jobs.Group(group);
            jobs.Task($"daily{g}", group, ("cron", $"{g} 3 * * *"), "true");
            // The folders a run leaves behind, so the IPC service has something to watch.
            Directory.CreateDirectory(workspace.Combine("data", "ipc", group, "requests"));
            Directory.CreateDirectory(workspace.Combine("data", "ipc", group, "responses"));
        }
        workspace.WriteJobs(jobs.ToString());

        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilReadyAsync(TimeSpan.FromSeconds(120));
        await Task.Delay(sizes.IdleSettle);
        var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        var cpuBefore = daemon.ReadCpuTime();
        var switchesBefore = ContextSwitches(daemon.Pid);
        await Task.Delay(sizes.IdleWindow);
        var cpu = daemon.ReadCpuTime() - cpuBefore;
        var switches = ContextSwitches(daemon.Pid) - switchesBefore;
        var memory = daemon.ReadMemory();
        await daemon.StopAsync();

        var seconds = sizes.IdleWindow.TotalSeconds;
        var percent = cpu.TotalSeconds / seconds * 100;
        var rssMb = memory.RssMiB * 1.048576;
        return
        [
            new(
                "I1",
                $"idle CPU, {what} ({F(seconds)} s after a {F(sizes.IdleSettle.TotalSeconds)} s settle; load {load})",
                $"{F(percent, "0.000")} % of a core ({F(cpu.TotalMilliseconds / 10)} ticks; {F(switches / seconds, "0.0")} wakeups/s)",
                $"≤ {F(CoreTargetPercent, "0.00")} %",
                percent <= CoreTargetPercent
            ),
            new(
                "I1",
                $"idle memory, {what} (VmRSS at the end)",
                $"{F(rssMb)} MB ({F(memory.RssMiB)} MiB)",
                $"≤ {F(RssTargetMb)} MB",
                rssMb <= RssTargetMb
            ),
        ];
    }

    /// <summary>Voluntary and involuntary context switches of all the daemon's threads: how often it woke.</summary>
    private static long ContextSwitches(int pid)
    {
        long total = 0;
        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            try
            {
                foreach (var line in File.ReadLines(Path.Combine(task, "status")))
                    if (line.Contains("ctxt_switches:", StringComparison.Ordinal))
                        total += long.Parse(
                            line.Split(':', 2)[1].Trim(),
                            CultureInfo.InvariantCulture
                        );
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A thread that ended between listing and reading.
            }
        }
        return total;
    }
}
