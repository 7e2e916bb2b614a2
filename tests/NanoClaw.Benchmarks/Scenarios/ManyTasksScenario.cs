using NanoClaw.Benchmarks.Support;
using static NanoClaw.Benchmarks.Support.Figures;

namespace NanoClaw.Benchmarks.Scenarios;

/// <summary>
/// P4: a jobs file with many tasks (daily crons, so nothing fires while measuring): the time from
/// process start to "NanoClaw ready" on an empty store (every trigger created) and again with
/// nothing changed (every task compared by hash), and the daemon's memory.
/// </summary>
public static class ManyTasksScenario
{
    private const int TasksPerGroup = 100;

    public static async Task<IReadOnlyList<Result>> RunAsync(BenchmarkSizes sizes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        using var workspace = new BenchWorkspace();
        var jobs = new JobsFileText();
        for (var t = 0; t < sizes.ManyTasks; t++)
        {
            var group = $"g{t / TasksPerGroup:D3}";
            if (t % TasksPerGroup == 0)
                jobs.Group(group);
            jobs.Task($"task{t:D5}", group, ("cron", $"{t % 60} 3 * * *"), "true");
        }
        workspace.WriteJobs(jobs.ToString());

        TimeSpan cold,
            warm;
        Daemon.Memory memory;
        await using (var daemon = workspace.StartDaemon())
        {
            cold = await daemon.WaitUntilReadyAsync(TimeSpan.FromSeconds(300));
            // Settled memory: what the daemon holds while idle with this schedule.
            await Task.Delay(TimeSpan.FromSeconds(2));
            memory = daemon.ReadMemory();
            await daemon.StopAsync();
        }
        await using (var daemon = workspace.StartDaemon())
        {
            warm = await daemon.WaitUntilReadyAsync(TimeSpan.FromSeconds(300));
            memory = new Daemon.Memory(
                Math.Max(memory.RssMiB, daemon.ReadMemory().RssMiB),
                Math.Max(memory.PeakMiB, daemon.ReadMemory().PeakMiB)
            );
            await daemon.StopAsync();
        }
        var tasks = sizes.ManyTasks;
        return
        [
            new(
                "P4",
                $"cold start with {tasks} tasks (empty store → ready)",
                $"{F(cold.TotalSeconds, "0.00")} s",
                "≤ 15 s",
                cold <= TimeSpan.FromSeconds(15)
            ),
            new(
                "P4",
                $"warm restart with {tasks} tasks, nothing changed",
                $"{F(warm.TotalSeconds, "0.00")} s",
                "≤ 3 s",
                warm <= TimeSpan.FromSeconds(3)
            ),
            new(
                "P4",
                $"daemon memory with {tasks} tasks (VmRSS idle / VmHWM peak)",
                $"{F(memory.RssMiB)} MiB / {F(memory.PeakMiB)} MiB",
                "RSS ≤ 250 MB",
                memory.PeakMiB * 1.048576 <= 250
            ),
        ];
    }
}
