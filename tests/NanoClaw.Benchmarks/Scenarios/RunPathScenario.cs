using System.Globalization;
using NanoClaw.Benchmarks.Support;
using static NanoClaw.Benchmarks.Support.Figures;

namespace NanoClaw.Benchmarks.Scenarios;

/// <summary>
/// R1: what a run's process path costs, P1's load (trivial <c>true</c> runs, all due at start) in
/// the default configuration (non-main groups sandboxed with bubblewrap) and with
/// <c>Host:Sandbox</c> false: runs per second and the daemon's own CPU per run. With
/// <c>NANOCLAW_BENCH_BEFORE</c> naming another build's <c>nanoclaw</c>, that build is measured too,
/// in alternating rounds (<c>NANOCLAW_BENCH_ROUNDS</c>, 3 by default), and reported as a ratio.
/// Without a daemon, what each process chain in front of a run costs: <see cref="ChainCost"/> (r1-chain).
/// </summary>
public static class RunPathScenario
{
    public static async Task<IReadOnlyList<Result>> RunAsync(BenchmarkSizes sizes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        var before = Environment.GetEnvironmentVariable("NANOCLAW_BENCH_BEFORE");
        var rounds =
            int.TryParse(
                Environment.GetEnvironmentVariable("NANOCLAW_BENCH_ROUNDS"),
                CultureInfo.InvariantCulture,
                out var n
            )
                ? n
            : sizes == BenchmarkSizes.Smoke ? 1
            : 3;
        var builds = string.IsNullOrEmpty(before)
            ? new[] { ("this build", (string?)null) }
            : [("before", before), ("this build", null)];
        var configs = new[] { ("sandboxed (default)", true), ("Host:Sandbox false", false) };
        var figures =
            new Dictionary<(string Build, string Config), List<(double Rate, double Cpu)>>();

        for (var round = 0; round < rounds; round++)
            foreach (var (config, sandbox) in configs)
            foreach (var (build, executable) in round % 2 == 0 ? builds : builds.Reverse())
            {
                var figure = await MeasureAsync(sizes, sandbox, executable);
                await Console.Error.WriteLineAsync(
                    $"  R1 round {round + 1}, {build}, {config}: {F(figure.Rate)} runs/s, {F(figure.Cpu, "0.00")} ms CPU per run"
                );
                figures.TryAdd((build, config), []);
                figures[(build, config)].Add(figure);
            }

        var results = new List<Result>();
        foreach (var (config, _) in configs)
        foreach (var (build, _) in builds)
        {
            var f = figures[(build, config)];
            var rates = f.Select(x => x.Rate).Order().ToList();
            var cpus = f.Select(x => x.Cpu).Order().ToList();
            var ratio =
                builds.Length == 2 && build == "this build"
                    ? $"; {F(Median(rates) / Median(figures[("before", config)].Select(x => x.Rate).ToList()), "0.00")} × before's runs/s, "
                        + $"{F(Median(cpus) / Median(figures[("before", config)].Select(x => x.Cpu).ToList()), "0.00")} × its CPU"
                    : "";
            results.Add(
                new(
                    "R1",
                    $"{build}, {config}: {Total(sizes)} `true` runs in {sizes.ThroughputGroups} groups, {rounds} rounds",
                    $"median {F(Median(rates))} runs/s ({F(rates[0])}–{F(rates[^1])}), daemon CPU {F(Median(cpus), "0.00")} ms per run ({F(cpus[0], "0.00")}–{F(cpus[^1], "0.00")}){ratio}",
                    "context",
                    null
                )
            );
        }
        return results;
    }

    private static int Total(BenchmarkSizes sizes) =>
        sizes.ThroughputGroups * Math.Max(1, sizes.ThroughputTasksPerGroup / 2);

    private static async Task<(double Rate, double Cpu)> MeasureAsync(
        BenchmarkSizes sizes,
        bool sandbox,
        string? executable
    )
    {
        using var workspace = new BenchWorkspace(settings =>
            settings["Host"] = new System.Text.Json.Nodes.JsonObject { ["Sandbox"] = sandbox }
        );
        var jobs = new JobsFileText();
        var tasks = Math.Max(1, sizes.ThroughputTasksPerGroup / 2);
        for (var g = 0; g < sizes.ThroughputGroups; g++)
        {
            var group = $"g{g:D2}";
            jobs.Group(group);
            for (var t = 0; t < tasks; t++)
                jobs.Task($"{group}-t{t:D3}", group, ("interval", "01:00:00"), "true");
        }
        workspace.WriteJobs(jobs.ToString());
        var total = Total(sizes);

        await using var daemon = Daemon.Start(workspace.Path, null, executable);
        await daemon.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        var cpuAtReady = daemon.ReadCpuTime();
        var runs = await workspace
            .Runs()
            .WaitForFinishedAsync(total, TimeSpan.FromSeconds(30 + total / 5.0));
        var cpu = daemon.ReadCpuTime() - cpuAtReady;
        await daemon.StopAsync();

        var failed = runs.Count(r => r.Status != "succeeded");
        if (failed > 0)
            throw new InvalidOperationException(
                $"R1: {failed} of {runs.Count} runs did not succeed (sandbox {sandbox}); output:\n{daemon.Output}"
            );
        var span = runs.Max(r => r.FinishedMs) - runs.Min(r => r.StartedMs);
        return (runs.Count / (span / 1000.0), cpu.TotalMilliseconds / runs.Count);
    }

    private static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1
            ? sorted[sorted.Count / 2]
            : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
