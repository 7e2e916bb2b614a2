using System.Globalization;
using NanoClaw.Benchmarks.Peers;
using NanoClaw.Benchmarks.Support;
using static NanoClaw.Benchmarks.Support.Figures;

namespace NanoClaw.Benchmarks.Scenarios;

/// <summary>
/// I1: what an idle daemon costs when nothing is due. The real daemon with one daily task (and again
/// with 3 groups whose IPC folders exist, the admin API on as shipped) is left alone past start-up,
/// then its CPU time (user + system, <c>/proc/PID/stat</c>), its wakeups (context switches summed over
/// its threads) and its VmRSS are read over a quiet window. The floors under it are measured the
/// same way in the same invocation: a .NET process doing nothing, one serving HTTP with Kestrel (as
/// the admin API does), and the bare Quartz peer with one daily trigger on its SQLite store.
/// </summary>
public static class IdleScenario
{
    private const double CoreTargetPercent = 0.05;
    private const double RssTargetMb = 80;

    /// <summary>A floor has no target of its own: it is what the daemon's figure is read against.</summary>
    private const string FloorTarget = "— (a floor)";

    public static async Task<IReadOnlyList<Result>> RunAsync(BenchmarkSizes sizes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        return
        [
            .. await MeasureAsync(sizes, groups: 1, "one daily task"),
            .. await MeasureAsync(sizes, groups: 3, "3 groups with IPC folders, a daily task each"),
            .. await MeasureAsync(
                sizes,
                groups: 1,
                "one daily task, tiered compilation off (as the shipped service unit runs it)",
                new Dictionary<string, string> { ["DOTNET_TieredCompilation"] = "0" }
            ),
            .. await MeasureFloorAsync(sizes, "floor: a .NET process doing nothing", "console"),
            .. await MeasureFloorAsync(
                sizes,
                "floor: Kestrel serving one endpoint",
                "kestrel",
                $"http://127.0.0.1:{FreePort()}"
            ),
            .. await MeasureQuartzFloorAsync(sizes),
        ];
    }

    private static async Task<IReadOnlyList<Result>> MeasureFloorAsync(
        BenchmarkSizes sizes,
        string what,
        params string[] arguments
    )
    {
        await using var floor = PeerProcess.Start(PeerProcess.ExecutablePath("Floor"), arguments);
        await floor.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        var results = await ReadIdleAsync(sizes, floor.Pid, floor.ReadCpuTime, what, isFloor: true);
        await floor.StopAsync();
        return results;
    }

    /// <summary>The bare Quartz peer (S1's) with one trigger a day: it fires once at start, then idles.</summary>
    private static async Task<IReadOnlyList<Result>> MeasureQuartzFloorAsync(BenchmarkSizes sizes)
    {
        var folder = Directory.CreateTempSubdirectory("nanoclaw-bench-floor-").FullName;
        try
        {
            return await MeasureQuartzFloorAsync(sizes, folder);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<IReadOnlyList<Result>> MeasureQuartzFloorAsync(
        BenchmarkSizes sizes,
        string folder
    )
    {
        var workload = new PeerWorkload(
            Groups: 1,
            TasksPerGroup: 1,
            Command: ["true"],
            IntervalSeconds: 86_400,
            Concurrency: 4,
            DurationSeconds: 86_400,
            RunsDatabase: Path.Combine(folder, "runs.db"),
            StoreDatabase: Path.Combine(folder, "quartz.db")
        );
        var file = Path.Combine(folder, "workload.json");
        workload.Save(file);
        await using var peer = PeerProcess.Start(PeerProcess.ExecutablePath("Quartz"), file);
        await peer.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        var results = await ReadIdleAsync(
            sizes,
            peer.Pid,
            peer.ReadCpuTime,
            "floor: bare Quartz + SQLite store, one daily trigger",
            isFloor: true
        );
        await peer.StopAsync();
        return results;
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<IReadOnlyList<Result>> MeasureAsync(
        BenchmarkSizes sizes,
        int groups,
        string what,
        IReadOnlyDictionary<string, string>? environment = null
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

        await using var daemon = workspace.StartDaemon(environment: environment);
        await daemon.WaitUntilReadyAsync(TimeSpan.FromSeconds(120));
        var results = await ReadIdleAsync(sizes, daemon.Pid, daemon.ReadCpuTime, what);
        await daemon.StopAsync();
        return results;
    }

    /// <summary>After the settle, CPU and wakeups over the window and VmRSS at its end.</summary>
    private static async Task<IReadOnlyList<Result>> ReadIdleAsync(
        BenchmarkSizes sizes,
        int pid,
        Func<TimeSpan> readCpuTime,
        string what,
        bool isFloor = false
    )
    {
        await Task.Delay(sizes.IdleSettle);
        var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        var cpuBefore = readCpuTime();
        var switchesBefore = ContextSwitches(pid);
        await Task.Delay(sizes.IdleWindow);
        var cpu = readCpuTime() - cpuBefore;
        var switches = ContextSwitches(pid) - switchesBefore;
        var rssMiB = RssMiB(pid);

        var seconds = sizes.IdleWindow.TotalSeconds;
        var percent = cpu.TotalSeconds / seconds * 100;
        var rssMb = rssMiB * 1.048576;
        return
        [
            new(
                "I1",
                $"idle CPU, {what} ({F(seconds)} s after a {F(sizes.IdleSettle.TotalSeconds)} s settle; load {load})",
                $"{F(percent, "0.000")} % of a core ({F(cpu.TotalMilliseconds / 10)} ticks; {F(switches / seconds, "0.0")} wakeups/s)",
                isFloor ? FloorTarget : $"≤ {F(CoreTargetPercent, "0.00")} %",
                isFloor ? null : percent <= CoreTargetPercent
            ),
            new(
                "I1",
                $"idle memory, {what} (VmRSS at the end)",
                $"{F(rssMb)} MB ({F(rssMiB)} MiB)",
                isFloor ? FloorTarget : $"≤ {F(RssTargetMb)} MB",
                isFloor ? null : rssMb <= RssTargetMb
            ),
        ];
    }

    private static double RssMiB(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(
                        line["VmRSS:".Length..].Trim().Split(' ')[0],
                        CultureInfo.InvariantCulture
                    ) / 1024.0;
        throw new InvalidOperationException($"/proc/{pid}/status has no VmRSS");
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
