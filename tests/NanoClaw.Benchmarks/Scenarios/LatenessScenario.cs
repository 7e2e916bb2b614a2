using NanoClaw.Benchmarks.Support;
using static NanoClaw.Benchmarks.Support.Figures;

namespace NanoClaw.Benchmarks.Scenarios;

/// <summary>
/// P3: many tasks, each in its own group, all firing on every second (cron with seconds, so they are
/// due at the same instant: the worst case). Lateness is a run's recorded start minus its scheduled time.
/// Measured twice: with real processes, and with runs that start no process at all (container mode,
/// with podman kept off the daemon's PATH, so each run fails at once) — the scheduler's firing path
/// alone, which tells its share of the lateness from the share of the machine's process starts.
/// </summary>
public static class LatenessScenario
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(2);

    public static async Task<IReadOnlyList<Result>> RunAsync(BenchmarkSizes sizes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        return
        [
            await MeasureAsync(sizes, withProcesses: true),
            await MeasureAsync(sizes, withProcesses: false),
            StartFloor(sizes),
        ];
    }

    /// <summary>
    /// How long this machine takes just to start as many run processes at once as P3 fires, with no
    /// scheduler and no records: the floor under the last start of a burst for any scheduler here.
    /// </summary>
    private static Result StartFloor(BenchmarkSizes sizes)
    {
        var bursts = sizes.StartFloorBursts;
        var supervised = SpawnBaseline.BurstStartMilliseconds(
            sizes.LatenessTasks,
            bursts,
            supervised: true
        );
        var raw = SpawnBaseline.BurstStartMilliseconds(
            sizes.LatenessTasks,
            bursts,
            supervised: false
        );
        return new(
            "P3",
            $"no scheduler: {sizes.LatenessTasks} run processes started at once from {Environment.ProcessorCount} threads, until the last has started (median of {bursts} bursts)",
            $"{F(supervised)} ms under the run supervisor chain; {F(raw)} ms for bare /bin/true",
            "floor",
            null
        );
    }

    private static async Task<Result> MeasureAsync(BenchmarkSizes sizes, bool withProcesses)
    {
        // Every task may be running at once: the cap on concurrent runs is not what is measured here.
        using var workspace = new BenchWorkspace(n =>
        {
            n["MaxConcurrentRuns"] = sizes.LatenessTasks;
            n["Container"] = new System.Text.Json.Nodes.JsonObject { ["Runtime"] = "podman" };
        });
        var jobs = new JobsFileText();
        for (var t = 0; t < sizes.LatenessTasks; t++)
        {
            var group = $"g{t:D3}";
            jobs.Group(group, withProcesses ? "host" : "container")
                .Task($"tick{t:D3}", group, ("cron", "* * * * * ?"), "true");
        }
        workspace.WriteJobs(jobs.ToString());

        // An empty folder as PATH: the container runtime is not found, and the run ends before any process.
        var emptyPath = Directory
            .CreateDirectory(System.IO.Path.Combine(workspace.Path, "empty-path"))
            .FullName;
        await using var daemon = workspace.StartDaemon(withProcesses ? null : emptyPath);
        await daemon.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        await Task.Delay(WarmUp);
        var from = DateTimeOffset.UtcNow;
        await Task.Delay(sizes.LatenessDuration / 2);
        // The daemon's CPU over the second half of the window, when start-up JIT is mostly done.
        var cpuFrom = daemon.ReadCpuTime();
        var cpuClock = System.Diagnostics.Stopwatch.StartNew();
        await Task.Delay(sizes.LatenessDuration / 2);
        var cpu = daemon.ReadCpuTime() - cpuFrom;
        var cpuSeconds = cpuClock.Elapsed.TotalSeconds;
        var until = DateTimeOffset.UtcNow;
        var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        await daemon.StopAsync();

        var runs = (await workspace.Runs().FinishedAsync())
            .Where(r =>
                r.ScheduledMs >= from.ToUnixTimeMilliseconds()
                && r.ScheduledMs < until.ToUnixTimeMilliseconds() - 1000
            )
            .ToList();
        var lateness = runs.Select(r => (double)(r.StartedMs - r.ScheduledMs)).ToList();
        // Per firing due meanwhile: a steadier figure of the daemon's own cost than lateness.
        var firedMeanwhile = Math.Max(1, sizes.LatenessTasks * cpuSeconds);
        var expected = sizes.LatenessTasks * (int)(sizes.LatenessDuration.TotalSeconds - 1);
        var p99 = Percentiles.Of(lateness, 99);
        var what = withProcesses ? "" : " — firing path only, no process started";
        return new(
            "P3",
            $"lateness, {sizes.LatenessTasks} tasks every second{what}, {runs.Count} firings (~{expected} due; load {load})",
            $"p50 {F(Percentiles.Of(lateness, 50))} ms, p99 {F(p99)} ms, max {F(lateness.DefaultIfEmpty().Max())} ms; daemon CPU {cpu.TotalMilliseconds / firedMeanwhile:F2} ms per run",
            "p99 ≤ 50 ms",
            p99 <= 50 && runs.Count >= expected * 0.95
        );
    }
}
