using NanoClaw.Benchmarks;

namespace NanoClaw.Tests.Benchmarks;

/// <summary>
/// The benchmarks are run by hand (docs/BENCHMARKS.md); this only proves their harness still drives
/// the real daemon and produces figures, at sizes that take a few seconds.
/// </summary>
public sealed class BenchmarkHarnessSpec
{
    [Fact(Timeout = 120_000)]
    public async Task The_benchmark_harness_produces_figures_from_the_real_daemon()
    {
        var results = await BenchmarkRunner.RunScenariosAsync(
            BenchmarkSizes.Smoke,
            ["p1", "p2"],
            TextWriter.Null
        );

        Assert.Contains(results, r => r.Id == "P1" && r.IsMet is not null);
        Assert.Contains(results, r => r.Id == "P2" && r.IsMet is not null);
        Assert.All(results, r => Assert.Matches(@"\d", r.Measured));
        Assert.Contains("| P2 |", BenchmarkRunner.Render(results), StringComparison.Ordinal);
    }
}
