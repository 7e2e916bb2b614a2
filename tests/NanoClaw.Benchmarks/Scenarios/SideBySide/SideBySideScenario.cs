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
                        + $"CPU {F(Median(measurements.Select(m => m.CpuMsPerRun)), "0.00")} ms per run ({Range(measurements.Select(m => m.CpuMsPerRun), "0.00")}; {JitNote(measurements)}); "
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
        var tasks = shape.Groups * shape.TasksPerGroup;
        var quartz = rounds.TryGetValue(Contenders.BareQuartz, out var q)
            ? MeasurableP99(q.Measurements, tasks)
            : double.NaN;
        var rows = new List<Result>();
        foreach (var (contender, measurements) in rounds.Values)
        {
            var isNanoClaw = contender.Kind == ContenderKind.NanoClaw;
            var measurable = measurements.Where(m => m.IsLatenessMeasurable(tasks)).ToList();
            var rates = measurements.Select(m => m.RunsPerSecond).ToList();
            var cpu =
                $"CPU {F(Median(measurements.Select(m => m.CpuMsPerRun)), "0.00")} ms per run ({JitNote(measurements)}); overlaps {measurements.Sum(m => m.Overlaps)}";
            var name =
                $"{contender.Name}: lateness, {shape.Groups} tasks due at once every second, {measurements.Count} rounds";
            if (measurable.Count == 0)
            {
                // Not a figure to compute: say what was measured and why lateness was not.
                var due = measurements.Sum(m => m.DueInLatenessWindow(tasks));
                var recorded = measurements.Sum(m => m.Lateness.Count);
                rows.Add(
                    new(
                        "S3",
                        name,
                        $"lateness unmeasurable: the backlog grew ({F(Median(rates))} runs/s ({Range(rates)}) started against {tasks} due/s; "
                            + $"{recorded} of the {due} runs due in the windows had started by their end, and the runs started in a window had been due up to "
                            + $"{F(measurements.Max(m => m.WaitedBeforeWindow) / 1000, "0.0")} s before it began); {cpu}",
                        isNanoClaw ? "p99 ≤ 50 ms" : "peer",
                        isNanoClaw ? false : null
                    )
                );
                continue;
            }
            var p99s = measurable.Select(P99).ToList();
            var p99 = Median(p99s);
            var late = measurable.SelectMany(m => m.Lateness).ToList();
            var partial =
                measurable.Count < measurements.Count
                    ? $" (lateness from {measurable.Count} of {measurements.Count} rounds: the backlog grew in the others)"
                    : "";
            var ratio = double.IsNaN(quartz)
                ? "bare Quartz's p99 unmeasurable"
                : $"{F(p99 / quartz, "0.00")} × bare Quartz's p99";
            rows.Add(
                new(
                    "S3",
                    $"{name}, {late.Count} runs{partial}",
                    $"p50 {F(Percentiles.Of(late, 50))} ms, p99 {F(p99)} ms ({Range(p99s)}) = {ratio}; "
                        + $"{F(Median(rates))} runs/s; {cpu}",
                    isNanoClaw ? "p99 ≤ 50 ms" : "peer",
                    isNanoClaw ? measurable.Count == measurements.Count && p99 <= 50 : null
                )
            );
        }
        return rows;
    }

    private static double MeasurableP99(IEnumerable<Measurement> measurements, int tasks)
    {
        var p99s = measurements.Where(m => m.IsLatenessMeasurable(tasks)).Select(P99).ToList();
        return p99s.Count == 0 ? double.NaN : Median(p99s);
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
                // S1 (the round that measures serial spawns) saturates by design: its lateness says nothing.
                await Console.Error.WriteLineAsync(
                    $"  round {round}, {contender.Id}: {F(measurement.RunsPerSecond)} runs/s, {(measureSerial ? "" : LatenessNote(measurement, shape) + ", ")}"
                        + $"CPU {F(measurement.CpuMsPerRun, "0.00")} ms/run (re-JIT {F(measurement.JitMsPerRun, "0.00")}); load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"
                );
            }
        }
        return (rounds, serial);
    }

    /// <summary>How much of the CPU per run was the runtime's background re-JIT: start-up work, not the runs'.</summary>
    private static string JitNote(IReadOnlyList<Measurement> measurements) =>
        $"of which background re-JIT {F(Median(measurements.Select(m => m.JitMsPerRun)), "0.00")} ms";

    private static string LatenessNote(Measurement m, SideBySideShape shape)
    {
        var tasks = shape.Groups * shape.TasksPerGroup;
        return m.IsLatenessMeasurable(tasks)
            ? $"p99 {F(P99(m))} ms"
            : $"lateness unmeasurable ({m.Lateness.Count} of {m.DueInLatenessWindow(tasks)} due runs started)";
    }

    private static double P99(Measurement m) => Percentiles.Of(m.Lateness, 99);

    private static double Median(IEnumerable<double> values) => Percentiles.Of(values, 50);

    private static string Range(IEnumerable<double> values, string format = "0")
    {
        var list = values.ToList();
        return list.Count == 0 ? "none" : $"{F(list.Min(), format)}–{F(list.Max(), format)}";
    }
}
