using System.Globalization;
using System.Text;
using NanoClaw.Benchmarks.Scenarios;
using NanoClaw.Benchmarks.Support;

namespace NanoClaw.Benchmarks;

/// <summary>Runs the chosen scenarios one after the other and renders their results as a Markdown table.</summary>
public static class BenchmarkRunner
{
    public static IReadOnlyDictionary<
        string,
        Func<BenchmarkSizes, Task<IReadOnlyList<Result>>>
    > Scenarios { get; } =
        new Dictionary<string, Func<BenchmarkSizes, Task<IReadOnlyList<Result>>>>(
            StringComparer.OrdinalIgnoreCase
        )
        {
            ["p1"] = ThroughputScenario.RunAsync,
            ["p2"] = HandOffScenario.RunAsync,
            ["p3"] = LatenessScenario.RunAsync,
            ["p4"] = ManyTasksScenario.RunAsync,
            ["p5"] = HistoryScenario.RunAsync,
            ["p6"] = BigOutputScenario.RunAsync,
            ["p7"] = DashboardScenario.RunAsync,
            ["writes"] = RecordWritesScenario.RunAsync,
        };

    public static async Task<IReadOnlyList<Result>> RunScenariosAsync(
        BenchmarkSizes sizes,
        IReadOnlyCollection<string> names,
        TextWriter progress
    )
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(progress);
        var chosen = names.Count == 0 ? [.. Scenarios.Keys] : names;
        var results = new List<Result>();
        foreach (var name in chosen)
        {
            await progress.WriteLineAsync($"[{DateTime.Now:HH:mm:ss}] {name} …");
            var rows = await Scenarios[name](sizes);
            foreach (var row in rows)
                await progress.WriteLineAsync($"  {row.Metric}: {row.Measured}");
            results.AddRange(rows);
        }
        return results;
    }

    public static async Task<string> RunAsync(
        BenchmarkSizes sizes,
        IReadOnlyCollection<string> names,
        TextWriter progress
    ) => Render(await RunScenariosAsync(sizes, names, progress));

    public static string Render(IEnumerable<Result> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var text = new StringBuilder();
        text.AppendLine(
            CultureInfo.InvariantCulture,
            $"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; "
                + $"load average at the end: {File.ReadAllText("/proc/loadavg").Trim()}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC"
        );
        text.AppendLine();
        text.AppendLine("| id | measured | figure | target | met |");
        text.AppendLine("|---|---|---|---|---|");
        foreach (var r in results)
        {
            var met = r.IsMet switch
            {
                true => "yes",
                false => "**no**",
                null => "",
            };
            text.AppendLine(
                CultureInfo.InvariantCulture,
                $"| {r.Id} | {r.Metric} | {r.Measured} | {r.Target} | {met} |"
            );
        }
        return text.ToString();
    }
}
