using NanoClaw.Benchmarks.Support;
using static NanoClaw.Benchmarks.Support.Figures;

namespace NanoClaw.Benchmarks.Scenarios;

/// <summary>
/// P2: a busy group. A group runs one task at a time, so each gap between one run's end and the start
/// of the next one already waiting is the scheduler's hand-off. Measured twice: a backlog of hundreds
/// of runs due at once, and a steady load of a burst of tasks due every second.
/// </summary>
public static class HandOffScenario
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(2);

    public static async Task<IReadOnlyList<Result>> RunAsync(BenchmarkSizes sizes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        return [await BacklogAsync(sizes), await SteadyAsync(sizes)];
    }

    private static async Task<Result> BacklogAsync(BenchmarkSizes sizes)
    {
        using var workspace = new BenchWorkspace();
        var jobs = new JobsFileText().Group("busy");
        for (var t = 0; t < sizes.HandOffRuns; t++)
            jobs.Task($"t{t:D4}", "busy", ("interval", "01:00:00"), "true");
        workspace.WriteJobs(jobs.ToString());

        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        var runs = await workspace
            .Runs()
            .WaitForFinishedAsync(
                sizes.HandOffRuns,
                TimeSpan.FromSeconds(30 + sizes.HandOffRuns / 5.0)
            );
        await daemon.StopAsync();
        return Judge($"backlog: {sizes.HandOffRuns} runs due at once in one group", runs);
    }

    private static async Task<Result> SteadyAsync(BenchmarkSizes sizes)
    {
        using var workspace = new BenchWorkspace();
        var jobs = new JobsFileText().Group("busy");
        for (var t = 0; t < sizes.HandOffBurst; t++)
            jobs.Task($"t{t:D4}", "busy", ("cron", "* * * * * ?"), "true");
        workspace.WriteJobs(jobs.ToString());

        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        var from = DateTimeOffset.UtcNow + WarmUp;
        await Task.Delay(WarmUp + sizes.LatenessDuration);
        await daemon.StopAsync();
        var runs = (await workspace.Runs().FinishedAsync())
            .Where(r => r.ScheduledMs >= from.ToUnixTimeMilliseconds())
            .ToList();
        return Judge($"steady: {sizes.HandOffBurst} tasks due every second in one group", runs);
    }

    /// <summary>Gaps between a run's end and the next start, where that next run was already due.</summary>
    private static Result Judge(string scenario, IReadOnlyList<RunTimes> runs)
    {
        var gaps = runs.Zip(runs.Skip(1))
            .Where(pair => pair.Second.ScheduledMs <= pair.First.FinishedMs)
            .Select(pair => (double)(pair.Second.StartedMs - pair.First.FinishedMs))
            .ToList();
        var median = Percentiles.Of(gaps, 50);
        var p99 = Percentiles.Of(gaps, 99);
        var overlaps = gaps.Count(g => g < 0);
        return new(
            "P2",
            $"hand-off end → next start, {scenario} ({gaps.Count} hand-offs, overlaps: {overlaps})",
            $"median {F(median)} ms, p99 {F(p99)} ms, max {F(gaps.DefaultIfEmpty().Max())} ms",
            "median ≤ 5 ms, p99 ≤ 50 ms",
            gaps.Count > 0 && median <= 5 && p99 <= 50 && overlaps == 0
        );
    }
}
