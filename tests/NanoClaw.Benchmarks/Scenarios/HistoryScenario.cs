using System.Diagnostics;
using NanoClaw.Benchmarks.Support;
using static NanoClaw.Benchmarks.Support.Figures;

namespace NanoClaw.Benchmarks.Scenarios;

/// <summary>
/// P5: a store with a long run history. "Newest 50 runs of a task" is timed through the admin API
/// (what <c>nanoclaw runs --task</c> and a UI ask), then the daemon's retention is left to prune it
/// back to its bound (1000 runs per task, the default).
/// </summary>
public static class HistoryScenario
{
    private const int Samples = 50;
    private const int KeepPerTask = 1000;

    public static async Task<IReadOnlyList<Result>> RunAsync(BenchmarkSizes sizes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        using var workspace = new BenchWorkspace(n =>
            n["Retention"] = new System.Text.Json.Nodes.JsonObject
            {
                ["MaxRunsPerTask"] = KeepPerTask,
            }
        );
        var jobs = new JobsFileText().Group("hist");
        for (var t = 0; t < sizes.HistoryTasks; t++)
            jobs.Task(HistoryFiller.TaskId(t), "hist", ("cron", "0 3 1 1 *"), "true");
        workspace.WriteJobs(jobs.ToString());

        // A first start creates the schema; the history is then written while the daemon is down.
        await using (var first = workspace.StartDaemon())
        {
            await first.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
            await first.StopAsync();
        }
        var fill = HistoryFiller.Fill(
            workspace.DatabaseFile,
            sizes.HistoryRecords,
            sizes.HistoryTasks,
            TimeSpan.FromDays(20)
        );

        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilReadyAsync(TimeSpan.FromSeconds(120));
        using var api = new AdminApi(workspace);
        var byTask = await TimeAsync(
            api,
            i => $"/api/runs?task={HistoryFiller.TaskId(i % sizes.HistoryTasks)}&limit=50"
        );
        var newest = await TimeAsync(api, _ => "/api/runs?limit=50");
        var results = new List<Result>
        {
            new(
                "P5",
                $"newest 50 runs of a task, {sizes.HistoryRecords} records over {sizes.HistoryTasks} tasks (admin API, {Samples} calls)",
                $"p50 {F(Percentiles.Of(byTask, 50), "0.0")} ms, p99 {F(Percentiles.Of(byTask, 99), "0.0")} ms",
                "≤ 50 ms",
                Percentiles.Of(byTask, 99) <= 50
            ),
            new(
                "P5",
                "newest 50 runs of all tasks (admin API)",
                $"p50 {F(Percentiles.Of(newest, 50), "0.0")} ms, p99 {F(Percentiles.Of(newest, 99), "0.0")} ms",
                "≤ 50 ms",
                Percentiles.Of(newest, 99) <= 50
            ),
        };
        if (sizes.WaitForRetention)
            results.Add(await RetentionAsync(workspace, daemon, sizes));
        await daemon.StopAsync();
        results.Add(
            new(
                "P5",
                $"writing {sizes.HistoryRecords} synthetic records (set-up, one transaction)",
                $"{F(fill.TotalSeconds, "0.0")} s",
                "—",
                null
            )
        );
        return results;
    }

    private static async Task<Result> RetentionAsync(
        BenchWorkspace workspace,
        Daemon daemon,
        BenchmarkSizes sizes
    )
    {
        var before = HistoryFiller.Count(workspace.DatabaseFile);
        var bound = (long)sizes.HistoryTasks * KeepPerTask;
        // The first pruning starts one minute after start; the row count says when it is done (its
        // log line counts deleted log files, and these synthetic runs have none).
        long after;
        while ((after = HistoryFiller.Count(workspace.DatabaseFile)) > bound)
        {
            if (daemon.SinceStart.Elapsed > TimeSpan.FromMinutes(6))
                break;
            await Task.Delay(250);
        }
        var prunedAfter = daemon.SinceStart.Elapsed - TimeSpan.FromMinutes(1);
        return new(
            "P5",
            $"retention (MaxRunsPerTask {KeepPerTask}) prunes the history",
            $"{before} → {after} records in ≈ {F(prunedAfter.TotalSeconds, "0.0")} s",
            $"≤ {bound} records",
            after <= bound
        );
    }

    private static async Task<List<double>> TimeAsync(AdminApi api, Func<int, string> path)
    {
        for (var i = 0; i < 3; i++)
            await api.GetAsync(path(i));
        var times = new List<double>();
        for (var i = 0; i < Samples; i++)
        {
            var clock = Stopwatch.StartNew();
            await api.GetAsync(path(i));
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        return times;
    }
}
