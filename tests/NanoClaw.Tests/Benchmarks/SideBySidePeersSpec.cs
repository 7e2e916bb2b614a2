using NanoClaw.Benchmarks;

namespace NanoClaw.Tests.Benchmarks;

/// <summary>
/// The side-by-side scenarios run peer schedulers built from their own projects: this proves both
/// peers build, run the shared workload, keep one run per group and at most the cap at once, and
/// yield figures, at a size that takes seconds.
/// </summary>
public sealed class SideBySidePeersSpec
{
    [Fact(Timeout = 180_000)]
    public async Task Both_peer_schedulers_run_the_throughput_workload_and_yield_figures()
    {
        var sizes = BenchmarkSizes.Smoke with { SideBySideContenders = ["quartz", "hangfire"] };

        var results = await BenchmarkRunner.RunScenariosAsync(sizes, ["s1"], TextWriter.Null);

        Assert.Contains(
            results,
            r => r.Metric.StartsWith("serial Process.Start", StringComparison.Ordinal)
        );
        foreach (var peer in new[] { "bare Quartz", "Hangfire" })
        {
            var row = Assert.Single(
                results,
                r => r.Metric.StartsWith(peer, StringComparison.Ordinal)
            );
            // At least one run recorded in the window, and the guarantees held: no overlap in a group, nothing failed.
            Assert.Matches(@"^[1-9]\d* runs/s", row.Measured);
            Assert.Contains("overlaps 0,", row.Measured, StringComparison.Ordinal);
            Assert.Matches(@"most at once [1-4],", row.Measured);
            Assert.Contains("not succeeded 0", row.Measured, StringComparison.Ordinal);
            Assert.DoesNotContain("NaN", row.Measured, StringComparison.Ordinal);
        }
    }
}
