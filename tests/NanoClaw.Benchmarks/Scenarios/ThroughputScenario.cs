using NanoClaw.Benchmarks.Support;
using static NanoClaw.Benchmarks.Support.Figures;

namespace NanoClaw.Benchmarks.Scenarios;

/// <summary>
/// P1: many trivial host runs (<c>true</c>) across many groups, each recorded in full, against the
/// raw serial spawn rate measured just before on the same machine.
/// </summary>
public static class ThroughputScenario
{
    public static async Task<IReadOnlyList<Result>> RunAsync(BenchmarkSizes sizes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        var raw = SpawnBaseline.RawTrueRate(sizes.SpawnSamples);
        var supervised = SpawnBaseline.SupervisedTrueRate(sizes.SpawnSamples);
        var ceiling = SpawnBaseline.ParallelSupervisedTrueRate(sizes.SpawnSamples);

        using var workspace = new BenchWorkspace();
        var jobs = new JobsFileText();
        for (var g = 0; g < sizes.ThroughputGroups; g++)
        {
            var group = $"g{g:D2}";
            jobs.Group(group);
            // An interval task first fires when it is scheduled: all of them are due at start.
            for (var t = 0; t < sizes.ThroughputTasksPerGroup; t++)
                jobs.Task($"{group}-t{t:D3}", group, ("interval", "01:00:00"), "true");
        }
        workspace.WriteJobs(jobs.ToString());
        var total = sizes.ThroughputGroups * sizes.ThroughputTasksPerGroup;

        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        var runs = await workspace
            .Runs()
            .WaitForFinishedAsync(total, TimeSpan.FromSeconds(30 + total / 10.0));
        await daemon.StopAsync();

        var span = runs.Max(r => r.FinishedMs) - runs.Min(r => r.StartedMs);
        var rate = runs.Count / (span / 1000.0);
        var failed = runs.Count(r => r.Status != "succeeded");
        return
        [
            new("P1", "raw serial Process.Start of /bin/true", $"{F(raw)} /s", "baseline", null),
            new(
                "P1",
                "serial start of the run supervisor chain around /bin/true",
                $"{F(supervised)} /s ({F(supervised / raw, "0.00")} × raw)",
                "context",
                null
            ),
            new(
                "P1",
                $"the same chain from {Environment.ProcessorCount} threads at once (no scheduler, no records)",
                $"{F(ceiling)} /s ({F(ceiling / raw, "0.00")} × raw)",
                "ceiling",
                null
            ),
            new(
                "P1",
                $"daemon: {runs.Count} `true` runs in {sizes.ThroughputGroups} groups, recorded ({failed} not succeeded)",
                $"{F(rate)} runs/s = {F(rate / raw, "0.00")} × raw",
                "≥ 0.5 × raw",
                rate >= 0.5 * raw && failed == 0
            ),
        ];
    }
}
