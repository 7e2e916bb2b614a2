using NanoClaw.Benchmarks.Support;
using static NanoClaw.Benchmarks.Support.Figures;

namespace NanoClaw.Benchmarks.Scenarios;

/// <summary>
/// P2: one busy group with many runs queued at once. A group runs one task at a time, so each gap
/// between one run's end and the next one's start is the scheduler's hand-off time.
/// </summary>
public static class HandOffScenario
{
    public static async Task<IReadOnlyList<Result>> RunAsync(BenchmarkSizes sizes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
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

        var gaps = runs.Zip(
                runs.Skip(1),
                (previous, next) => (double)(next.StartedMs - previous.FinishedMs)
            )
            .ToList();
        var median = Percentiles.Of(gaps, 50);
        var p99 = Percentiles.Of(gaps, 99);
        var overlaps = gaps.Count(g => g < 0);
        return
        [
            new(
                "P2",
                $"hand-off end → next start, {gaps.Count} hand-offs in one group (overlaps: {overlaps})",
                $"median {F(median)} ms, p99 {F(p99)} ms, max {F(gaps.Max())} ms",
                "median ≤ 5 ms, p99 ≤ 50 ms",
                median <= 5 && p99 <= 50 && overlaps == 0
            ),
        ];
    }
}
