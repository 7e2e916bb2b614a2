using System.Diagnostics;
using NanoClaw.Benchmarks.Support;
using NanoClaw.Jobs;
using NanoClaw.Runs;
using NanoClaw.Runs.Sqlite;
using static NanoClaw.Benchmarks.Support.Figures;

namespace NanoClaw.Benchmarks.Scenarios;

/// <summary>
/// The run store's two writes per run (recorded running, then completed) on a store that already
/// holds a long history: what recording costs a run, against the time a run takes.
/// </summary>
public static class RecordWritesScenario
{
    public static async Task<IReadOnlyList<Result>> RunAsync(BenchmarkSizes sizes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        using var workspace = new BenchWorkspace();
        var store = new SqliteRunStore(new SqliteConnectionFactory(workspace.DatabaseFile));
        await store.InitializeAsync();
        HistoryFiller.Fill(
            workspace.DatabaseFile,
            sizes.HistoryRecords / 10,
            100,
            TimeSpan.FromDays(20)
        );

        var runs = Math.Max(100, sizes.SpawnSamples);
        var perRun = await TimeAsync(runs, store);
        return
        [
            new(
                "P1/P2",
                $"run store: record one run as running, then complete it ({sizes.HistoryRecords / 10} runs stored)",
                $"{F(perRun, "0.00")} ms per run (≤ {F(1000 / perRun)} runs/s)",
                "context",
                null
            ),
        ];
    }

    private static async Task<double> TimeAsync(int runs, SqliteRunStore store)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < runs; i++)
        {
            var running = NewRun();
            await store.InsertAsync(running);
            await store.CompleteAsync(
                running with
                {
                    Status = RunStatus.Succeeded,
                    ExitCode = 0,
                    FinishedAt = DateTimeOffset.UtcNow,
                    DurationMs = 1,
                    Stdout = "done\n",
                }
            );
        }
        return clock.Elapsed.TotalMilliseconds / runs;
    }

    private static RunRecord NewRun() =>
        new()
        {
            Id = Guid.CreateVersion7().ToString("N"),
            TaskId = "h0001",
            Group = "hist",
            Mode = ExecutionMode.Host,
            Trigger = RunTrigger.Schedule,
            Status = RunStatus.Running,
            ScheduledAt = DateTimeOffset.UtcNow,
            StartedAt = DateTimeOffset.UtcNow,
            Node = "bench-node",
        };
}
