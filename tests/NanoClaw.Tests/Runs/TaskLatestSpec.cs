using Dapper;
using Microsoft.Data.Sqlite;
using NanoClaw.Jobs;
using NanoClaw.Runs;
using NanoClaw.Runs.Sqlite;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Runs;

/// <summary>
/// Each task's newest run and its failing streak, as the task list and the status read them, on a
/// real SQLite file: kept right by every write the store makes, read with index seeks only.
/// </summary>
public sealed class TaskLatestSpec : IAsyncLifetime
{
    private static readonly DateTimeOffset Base = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly string[] Tasks = ["alpha", "beta", "gamma", "delta"];

    /// <summary>The newest run of each task as it was read before the table existed: the oracle.</summary>
    private const string Oracle = """
        SELECT d.t AS TaskId, (SELECT l.id FROM nanoclaw_runs l WHERE l.task_id = d.t
            ORDER BY l.started_at_ms DESC, l.id DESC LIMIT 1) AS Id
        FROM (SELECT DISTINCT task_id AS t FROM nanoclaw_runs WHERE task_id IS NOT NULL) d
        """;

    private readonly TempDir dir = new();
    private SqliteRunStore store = null!;

    private string DatabaseFile => dir.Combine("nanoclaw.db");

    public async ValueTask InitializeAsync()
    {
        store = new SqliteRunStore(new SqliteConnectionFactory(DatabaseFile));
        await store.InitializeAsync();
        // 160 runs: alpha ends in a long failing streak, beta in a short one, gamma succeeds,
        // delta's newest runs share their millisecond (the id decides), and some runs have no task.
        for (var i = 0; i < 160; i++)
            await store.InsertAsync(Run(i));
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        dir.Dispose();
        return ValueTask.CompletedTask;
    }

    private static RunRecord Run(int i)
    {
        var task = i % 9 == 0 ? null : Tasks[i % Tasks.Length];
        var status = task switch
        {
            "alpha" when i > 20 => i % 3 == 0 ? RunStatus.TimedOut : RunStatus.Failed,
            "beta" when i > 140 => RunStatus.Failed,
            _ => i % 5 == 0 ? RunStatus.Failed : RunStatus.Succeeded,
        };
        return new RunRecord
        {
            Id = $"run-{i:D3}",
            TaskId = task,
            Group = "main",
            Mode = ExecutionMode.Host,
            Trigger = RunTrigger.Schedule,
            Status = status,
            ScheduledAt = Base.AddMinutes(i),
            StartedAt = task == "delta" && i > 150 ? Base.AddMinutes(150) : Base.AddMinutes(i),
            FinishedAt = Base.AddMinutes(i).AddSeconds(5),
            Error = status == RunStatus.Succeeded ? null : $"error {i}",
            Node = "n",
        };
    }

    [Fact(Timeout = 60_000)]
    public async Task The_newest_run_of_each_task_follows_every_write_the_store_makes()
    {
        var ct = TestContext.Current.CancellationToken;
        await AssertLatestAsync(ct);

        // A newer run starts (running), then completes in place.
        var newer = Run(200) with
        {
            TaskId = "gamma",
            Status = RunStatus.Running,
            FinishedAt = null,
        };
        await store.InsertAsync(newer, ct);
        await AssertLatestAsync(ct);
        Assert.Equal(RunStatus.Running, (await store.LatestOfAsync(["gamma"], ct))["gamma"].Status);
        await store.CompleteAsync(newer with { Status = RunStatus.Failed }, ct);
        Assert.Equal(RunStatus.Failed, (await store.LatestOfAsync(["gamma"], ct))["gamma"].Status);

        // An older run recorded late does not displace the newest.
        await store.InsertAsync(Run(1) with { Id = "run-late", TaskId = "gamma" }, ct);
        await AssertLatestAsync(ct);

        // A queued run settled, and runs marked interrupted: status updates in place.
        await store.InsertQueuedAsync(
            Run(201) with
            {
                TaskId = "beta",
                Status = RunStatus.Queued,
            },
            ct
        );
        Assert.Equal(RunStatus.Queued, (await store.LatestOfAsync(["beta"], ct))["beta"].Status);
        Assert.True(await store.SettleQueuedAsync("run-201", RunStatus.Cancelled, "gone", ct));
        Assert.Equal(RunStatus.Cancelled, (await store.LatestOfAsync(["beta"], ct))["beta"].Status);
        await store.InsertAsync(
            Run(202) with
            {
                TaskId = "alpha",
                Status = RunStatus.Running,
                Node = "lost",
            },
            ct
        );
        Assert.Equal(1, await store.MarkInterruptedAsync("lost", ct));
        Assert.Equal(
            RunStatus.Interrupted,
            (await store.LatestOfAsync(["alpha"], ct))["alpha"].Status
        );
        await AssertLatestAsync(ct);

        // Pruning deletes newest runs too: the next newest takes their place, or the task has none.
        await store.PruneAsync(null, 2, ct);
        await AssertLatestAsync(ct);
        await store.PruneAsync(Base.AddYears(1), 0, ct);
        await AssertLatestAsync(ct);
        Assert.Empty(await store.LatestByTaskAsync(ct));
    }

    [Fact(Timeout = 60_000)]
    public async Task The_failing_streaks_are_those_each_task_history_shows_counted_to_the_limit()
    {
        var ct = TestContext.Current.CancellationToken;
        // Alpha's 9th and 10th newest runs share a millisecond: the limit's edge falls between them,
        // and the streak ends at the succeeded one, which the id makes the newer.
        await store.InsertAsync(
            Run(0) with
            {
                Id = "run-tie",
                TaskId = "alpha",
                Status = RunStatus.Succeeded,
                StartedAt = Base.AddMinutes(120),
            },
            ct
        );

        foreach (var limit in new[] { 1, 10, 50 })
        {
            var expected =
                new Dictionary<string, (string RunId, int Failures, DateTimeOffset Since)>();
            foreach (var task in Tasks)
            {
                var history = await store.ListAsync(
                    new RunQuery { TaskId = task, Limit = limit },
                    ct
                );
                var streak = history
                    .TakeWhile(r => r.Status is RunStatus.Failed or RunStatus.TimedOut)
                    .ToList();
                if (streak.Count > 0)
                    expected[task] = (history[0].Id, streak.Count, streak[^1].StartedAt);
            }

            var found = (await store.FailureStreaksAsync(limit, ct)).ToDictionary(
                s => s.Latest.TaskId!,
                s => (s.Latest.Id, s.Failures, s.Since)
            );

            Assert.Equal(expected.OrderBy(e => e.Key), found.OrderBy(e => e.Key));
        }
        Assert.Equal(
            ["alpha", "beta"],
            (await store.FailureStreaksAsync(50, ct)).Select(s => s.Latest.TaskId).Order()
        );
        var alpha = (await store.FailureStreaksAsync(50, ct)).Single(s =>
            s.Latest.TaskId == "alpha"
        );
        Assert.Equal("error 156", alpha.Latest.Error);
        Assert.Equal(RunStatus.TimedOut, alpha.Latest.Status);
        Assert.Equal(8, alpha.Failures);
        Assert.Equal(Base.AddMinutes(124), alpha.Since);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_store_of_the_previous_version_fills_the_table_from_its_history()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var connection = await OpenAsync(ct))
            await connection.ExecuteAsync(
                """
                DROP TRIGGER tr_nanoclaw_task_latest_insert;
                DROP TRIGGER tr_nanoclaw_task_latest_update;
                DROP TRIGGER tr_nanoclaw_task_latest_delete;
                DROP TABLE nanoclaw_task_latest;
                PRAGMA user_version = 8;
                """
            );
        SqliteConnection.ClearAllPools();

        await store.InitializeAsync(ct);

        await AssertLatestAsync(ct);
        Assert.Equal(Tasks.Order(), (await store.LatestByTaskAsync(ct)).Keys.Order());
    }

    [Fact(Timeout = 30_000)]
    public async Task Each_read_of_newest_runs_is_answered_by_index_seeks_without_walking_the_history()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var connection = await OpenAsync(ct);

        var page = await PlanAsync(connection, SqliteTaskLatest.OfSql("r.id"), new { ids = Tasks });
        var all = await PlanAsync(connection, SqliteTaskLatest.AllSql("r.id"), null);
        var streaks = await PlanAsync(
            connection,
            SqliteTaskLatest.StreakSql("r.id"),
            new { limit = 50 }
        );

        Assert.Contains("SEARCH l USING", page, StringComparison.Ordinal);
        Assert.Contains(
            "SEARCH r USING COVERING INDEX sqlite_autoindex_nanoclaw_runs_1 (id=?)",
            page,
            StringComparison.Ordinal
        );
        // The whole table is every task's row, one each: the runs themselves are looked up by id.
        Assert.Contains("SCAN l", all, StringComparison.Ordinal);
        Assert.Contains("SEARCH r USING", all, StringComparison.Ordinal);
        Assert.Contains(
            "SEARCH l USING INDEX ix_nanoclaw_task_latest_status (status=?)",
            streaks,
            StringComparison.Ordinal
        );
        Assert.Contains(
            "SEARCH r USING INDEX ix_nanoclaw_runs_task (task_id=? AND started_at_ms>?)",
            streaks,
            StringComparison.Ordinal
        );
        Assert.Contains(
            "SEARCH x USING INDEX ix_nanoclaw_runs_task (task_id=?)",
            streaks,
            StringComparison.Ordinal
        );
        foreach (var plan in new[] { page, all, streaks })
            Assert.DoesNotContain("SCAN r", plan, StringComparison.Ordinal);
    }

    private async Task AssertLatestAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        var expected = (await connection.QueryAsync<(string TaskId, string Id)>(Oracle))
            .OrderBy(r => r.TaskId, StringComparer.Ordinal)
            .ToList();
        var all = await store.LatestByTaskAsync(ct);
        var some = await store.LatestOfAsync([.. Tasks, "nobody"], ct);

        Assert.Equal(
            expected,
            all.Select(e => (e.Key, e.Value.Id)).OrderBy(e => e.Key, StringComparer.Ordinal)
        );
        Assert.Equal(
            expected,
            some.Select(e => (e.Key, e.Value.Id)).OrderBy(e => e.Key, StringComparer.Ordinal)
        );
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection($"Data Source={DatabaseFile};Pooling=False");
        await connection.OpenAsync(ct);
        return connection;
    }

    private static async Task<string> PlanAsync(
        SqliteConnection connection,
        string sql,
        object? parameters
    ) =>
        string.Join(
            "\n",
            (await connection.QueryAsync("EXPLAIN QUERY PLAN " + sql, parameters)).Select(row =>
                (string)row.detail
            )
        );
}
