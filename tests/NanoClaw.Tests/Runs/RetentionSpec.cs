using Microsoft.Extensions.Logging.Abstractions;
using NanoClaw.Configuration;
using NanoClaw.Hosting;
using NanoClaw.Jobs;
using NanoClaw.Runs;
using NanoClaw.Runs.Sqlite;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Runs;

/// <summary>NanoClaw:Retention keeps the run store bounded, on a real SQLite file.</summary>
public sealed class RetentionSpec
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Fact(Timeout = 30_000)]
    public async Task Pruning_keeps_the_newest_runs_per_task_and_drops_old_ones_with_their_logs_but_never_running_ones()
    {
        using var dir = new TempDir();
        var options = new NanoClawOptions
        {
            DataDirectory = dir.Combine("data"),
            GroupsDirectory = dir.Combine("groups"),
            Retention = new RetentionOptions { MaxAge = TimeSpan.FromDays(7), MaxRunsPerTask = 3 },
        };
        var paths = NanoClawPaths.From(options);
        Directory.CreateDirectory(paths.DataDir);
        var store = new SqliteRunStore(new SqliteConnectionFactory(paths.DatabaseFile));
        var ct = TestContext.Current.CancellationToken;
        await store.InitializeAsync(ct);
        // busy: 6 recent runs, the oldest still running; old: 2 runs of 10 and 9 days ago; exec: one 8 days old.
        for (var i = 0; i < 6; i++)
            await store.InsertAsync(
                Run(
                    $"busy-{i}",
                    "busy",
                    Now.AddMinutes(-i),
                    paths,
                    i == 5 ? RunStatus.Running : RunStatus.Succeeded
                ),
                ct
            );
        await store.InsertAsync(Run("old-0", "old", Now.AddDays(-10), paths), ct);
        await store.InsertAsync(Run("old-1", "old", Now.AddDays(-9), paths), ct);
        await store.InsertAsync(Run("exec-0", null, Now.AddDays(-8), paths), ct);
        await store.InsertAsync(Run("exec-1", null, Now.AddDays(-1), paths), ct);
        // A run that never got a log file (it failed before starting) is pruned and counted all the same.
        await store.InsertAsync(
            Run("nolog", "old", Now.AddDays(-12), paths) with
            {
                LogPath = null,
            },
            ct
        );

        var service = new RunRetentionService(
            store,
            options,
            paths,
            NullLogger<RunRetentionService>.Instance
        );
        var deleted = await service.PruneOnceAsync(ct);

        var left = (await store.ListAsync(new RunQuery { Limit = 100 }, ct))
            .Select(r => r.Id)
            .Order()
            .ToList();
        Assert.Equal(["busy-0", "busy-1", "busy-2", "busy-5", "exec-1"], left);
        Assert.Equal(6, deleted);
        foreach (var gone in new[] { "busy-3", "busy-4", "old-0", "old-1", "exec-0" })
            Assert.False(
                File.Exists(LogOf(gone, paths)),
                $"the log of pruned run {gone} is still there"
            );
        foreach (var kept in left)
            Assert.True(File.Exists(LogOf(kept, paths)), $"the log of kept run {kept} was deleted");
    }

    private static string LogOf(string id, NanoClawPaths paths) =>
        Path.Combine(paths.GroupLogsDir("main"), id + ".log");

    private static RunRecord Run(
        string id,
        string? task,
        DateTimeOffset startedAt,
        NanoClawPaths paths,
        RunStatus status = RunStatus.Succeeded
    )
    {
        var log = LogOf(id, paths);
        Directory.CreateDirectory(Path.GetDirectoryName(log)!);
        File.WriteAllText(log, "output\n");
        return new RunRecord
        {
            Id = id,
            TaskId = task,
            Group = "main",
            Mode = ExecutionMode.Host,
            Trigger = RunTrigger.Schedule,
            Status = status,
            ScheduledAt = startedAt,
            StartedAt = startedAt,
            Node = "n",
            LogPath = log,
        };
    }
}
