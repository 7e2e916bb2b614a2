using NanoClaw.Benchmarks.Scenarios.SideBySide;
using NanoClaw.Benchmarks.Support;
using static NanoClaw.Benchmarks.Support.Figures;

namespace NanoClaw.Benchmarks.Scenarios;

/// <summary>
/// S1 and S3: NanoClaw and peer schedulers (a bare Quartz.NET job, Hangfire) on the same workload in
/// alternating rounds of one invocation, each figure a ratio to the bare Quartz job measured alongside.
/// S1 saturates: 20 groups × 20 tasks running <c>true</c> every second, one run per group at a time,
/// at most 4 at once; throughput also against serial <c>Process.Start</c>, measured in every round.
/// S3 is P3's burst: 100 tasks in 100 groups due at the same instant every second, none capped.
/// </summary>
public static class SideBySideScenario
{
    public static async Task<IReadOnlyList<Result>> ThroughputAsync(BenchmarkSizes sizes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        var shape = new SideBySideShape(
            sizes.SideBySideGroups,
            sizes.SideBySideTasksPerGroup,
            sizes.SideBySideConcurrency,
            sizes.SideBySideWarmUp,
            sizes.SideBySideWindow
        );
        var (rounds, serial) = await RoundsAsync(sizes, shape, measureSerial: true);
        var serialRate = Median(serial);
        var quartz = rounds.TryGetValue(Contenders.BareQuartz, out var q)
            ? Median(q.Measurements.Select(m => m.RunsPerSecond))
            : double.NaN;
        var rows = new List<Result>
        {
            new(
                "S1",
                $"serial Process.Start of /bin/true, once per round ({serial.Count})",
                $"{F(serialRate)} /s ({Range(serial)})",
                "baseline",
                null
            ),
        };
        foreach (var (contender, measurements) in rounds.Values)
        {
            var rates = measurements.Select(m => m.RunsPerSecond).ToList();
            var rate = Median(rates);
            var overlaps = measurements.Sum(m => m.Overlaps);
            var most = measurements.Max(m => m.MostAtOnce);
            var failed = measurements.Sum(m => m.NotSucceeded);
            var isNanoClaw = contender.Kind == ContenderKind.NanoClaw;
            rows.Add(
                new(
                    "S1",
                    $"{contender.Name}: {shape.Groups}×{shape.TasksPerGroup} `true` every second, ≤ {shape.Concurrency} at once, {measurements.Count} rounds",
                    $"{F(rate)} runs/s ({Range(rates)}) = {F(rate / quartz, "0.00")} × bare Quartz, {F(rate / serialRate, "0.00")} × serial; "
                        + $"CPU {F(Median(measurements.Select(m => m.CpuMsPerRun)), "0.00")} ms per run ({Range(measurements.Select(m => m.CpuMsPerRun), "0.00")}); "
                        + $"overlaps {overlaps}, most at once {most}, not succeeded {failed}",
                    isNanoClaw ? "≥ 1.0 × bare Quartz, ≥ 0.5 × serial" : "peer",
                    isNanoClaw
                        ? rate >= quartz
                            && rate >= 0.5 * serialRate
                            && overlaps == 0
                            && most <= shape.Concurrency
                            && failed == 0
                        : null
                )
            );
        }
        return rows;
    }

    public static async Task<IReadOnlyList<Result>> LatenessAsync(BenchmarkSizes sizes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        var shape = new SideBySideShape(
            sizes.LatenessTasks,
            1,
            sizes.LatenessTasks,
            sizes.SideBySideWarmUp,
            sizes.SideBySideWindow
        );
        var (rounds, _) = await RoundsAsync(sizes, shape, measureSerial: false);
        var quartz = rounds.TryGetValue(Contenders.BareQuartz, out var q)
            ? Median(q.Measurements.Select(P99))
            : double.NaN;
        var rows = new List<Result>();
        foreach (var (contender, measurements) in rounds.Values)
        {
            var p99s = measurements.Select(P99).ToList();
            var p99 = Median(p99s);
            var late = measurements.SelectMany(m => m.Lateness).ToList();
            var isNanoClaw = contender.Kind == ContenderKind.NanoClaw;
            rows.Add(
                new(
                    "S3",
                    $"{contender.Name}: lateness, {shape.Groups} tasks due at once every second, {measurements.Count} rounds, {late.Count} runs",
                    $"p50 {F(Percentiles.Of(late, 50))} ms, p99 {F(p99)} ms ({Range(p99s)}) = {F(p99 / quartz, "0.00")} × bare Quartz's p99; "
                        + $"CPU {F(Median(measurements.Select(m => m.CpuMsPerRun)), "0.00")} ms per run; overlaps {measurements.Sum(m => m.Overlaps)}",
                    isNanoClaw ? "p99 ≤ 50 ms" : "peer",
                    isNanoClaw ? p99 <= 50 : null
                )
            );
        }
        return rows;
    }

    /// <summary>Every contender once per round, in the same order, so a drift in the machine's load hits them alike.</summary>
    private static async Task<(
        Dictionary<string, (Contender Contender, List<Measurement> Measurements)> Rounds,
        List<double> Serial
    )> RoundsAsync(BenchmarkSizes sizes, SideBySideShape shape, bool measureSerial)
    {
        var contenders = Contenders.For(sizes);
        var rounds = contenders.ToDictionary(
            c => c.Id,
            c => (Contender: c, Measurements: new List<Measurement>())
        );
        var serial = new List<double>();
        for (var round = 1; round <= sizes.SideBySideRounds; round++)
        {
            if (measureSerial)
                serial.Add(SpawnBaseline.RawTrueRate(sizes.SpawnSamples));
            foreach (var contender in contenders)
            {
                var measurement = await ContenderRun.MeasureAsync(contender, shape);
                rounds[contender.Id].Measurements.Add(measurement);
                await Console.Error.WriteLineAsync(
                    $"  round {round}, {contender.Id}: {F(measurement.RunsPerSecond)} runs/s, p99 {F(P99(measurement))} ms, "
                        + $"CPU {F(measurement.CpuMsPerRun, "0.00")} ms/run; load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"
                );
            }
        }
        return (rounds, serial);
    }

    private static double P99(Measurement m) => Percentiles.Of(m.Lateness, 99);

    private static double Median(IEnumerable<double> values) => Percentiles.Of(values, 50);

    private static string Range(IEnumerable<double> values, string format = "0")
    {
        var list = values.ToList();
        return list.Count == 0 ? "none" : $"{F(list.Min(), format)}–{F(list.Max(), format)}";
    }
}
