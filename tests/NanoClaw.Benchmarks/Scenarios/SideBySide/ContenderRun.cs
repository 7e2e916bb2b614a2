using System.Text.Json.Nodes;
using NanoClaw.Benchmarks.Peers;
using NanoClaw.Benchmarks.Support;

namespace NanoClaw.Benchmarks.Scenarios.SideBySide;

/// <summary>Starts one contender on the shared workload in a throwaway folder, measures one window, stops it.</summary>
internal static class ContenderRun
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    public static Task<Measurement> MeasureAsync(Contender contender, SideBySideShape shape) =>
        contender.Kind == ContenderKind.NanoClaw
            ? MeasureNanoClawAsync(contender, shape)
            : MeasurePeerAsync(contender, shape);

    private static async Task<Measurement> MeasureNanoClawAsync(
        Contender contender,
        SideBySideShape shape
    )
    {
        using var workspace = new BenchWorkspace(n =>
        {
            n["MaxConcurrentRuns"] = shape.Concurrency;
            n["Host"] = new JsonObject { ["Sandbox"] = contender.IsSandboxed };
        });
        var jobs = new JobsFileText();
        for (var g = 0; g < shape.Groups; g++)
        {
            jobs.Group(PeerWorkload.GroupName(g));
            for (var t = 0; t < shape.TasksPerGroup; t++)
                jobs.Task(
                    PeerWorkload.TaskName(g, t),
                    PeerWorkload.GroupName(g),
                    ("cron", "* * * * * ?"),
                    "true"
                );
        }
        workspace.WriteJobs(jobs.ToString());
        await using var daemon = Daemon.Start(workspace.Path, executable: contender.Executable);
        await daemon.WaitUntilReadyAsync(StartTimeout);
        var (from, until, cpu, jit) = await WindowAsync(
            daemon.Pid,
            shape,
            workspace.Runs().FinishedAsync
        );
        await daemon.StopAsync();
        return new Measurement(await workspace.Runs().FinishedAsync(), from, until, cpu, jit);
    }

    private static async Task<Measurement> MeasurePeerAsync(
        Contender contender,
        SideBySideShape shape
    )
    {
        var folder = Directory.CreateTempSubdirectory("nanoclaw-bench-peer-").FullName;
        try
        {
            var workload = new PeerWorkload(
                shape.Groups,
                shape.TasksPerGroup,
                ["true"],
                IntervalSeconds: 1,
                shape.Concurrency,
                // A stop the harness never sends still ends the peer.
                DurationSeconds: (int)(shape.WarmUp + shape.Window).TotalSeconds + 120,
                Path.Combine(folder, "runs.db"),
                Path.Combine(folder, "store.db")
            );
            var workloadFile = Path.Combine(folder, "workload.json");
            workload.Save(workloadFile);
            await using var peer = PeerProcess.Start(contender.Executable, workloadFile);
            await peer.WaitUntilReadyAsync(StartTimeout);
            var (from, until, cpu, jit) = await WindowAsync(
                peer.Pid,
                shape,
                () => PeerRunsReader.ReadAsync(workload.RunsDatabase)
            );
            await peer.StopAsync();
            return new Measurement(
                await PeerRunsReader.ReadAsync(workload.RunsDatabase),
                from,
                until,
                cpu,
                jit
            );
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// The warm-up counts from the first recorded run, not from start-up: the systems take different
    /// times to fire at all (and a loaded machine stretches them), and the window must hold runs.
    /// </summary>
    private static async Task<(long From, long Until, TimeSpan Cpu, TimeSpan Jit)> WindowAsync(
        int pid,
        SideBySideShape shape,
        Func<Task<IReadOnlyList<RunTimes>>> runs
    )
    {
        var waiting = System.Diagnostics.Stopwatch.StartNew();
        while ((await runs()).Count == 0)
        {
            if (waiting.Elapsed > StartTimeout)
                throw new TimeoutException($"No run was recorded within {StartTimeout}");
            await Task.Delay(100);
        }
        await Task.Delay(shape.WarmUp);
        var cpuFrom = ProcessCpu.Read(pid);
        var jitFrom = ThreadCpu.Read(pid, ThreadCpu.TieredCompilation);
        var from = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await Task.Delay(shape.Window);
        var jit = ThreadCpu.Between(jitFrom, ThreadCpu.Read(pid, ThreadCpu.TieredCompilation));
        var cpu = ProcessCpu.Read(pid) - cpuFrom;
        return (from, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), cpu, jit);
    }
}
