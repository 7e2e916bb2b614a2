using Dapper;
using Microsoft.Data.Sqlite;
using NanoClaw.Jobs;
using NanoClaw.Runs;
using NanoClaw.Runs.Sqlite;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Runs;

/// <summary>The run store's paged, filtered history and hourly activity (the dashboard's runs pages), on a real SQLite file.</summary>
public sealed class RunPagesSpec : IAsyncLifetime
{
    private static readonly DateTimeOffset Base = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly string[] Tasks = ["alpha", "beta", "gamma"];
    private static readonly string[] Groups = ["main", "ops"];
    private static readonly RunStatus[] Statuses =
    [
        RunStatus.Succeeded,
        RunStatus.Failed,
        RunStatus.Succeeded,
        RunStatus.TimedOut,
        RunStatus.Cancelled,
    ];
    private static readonly RunTrigger[] Triggers =
    [
        RunTrigger.Schedule,
        RunTrigger.Manual,
        RunTrigger.Schedule,
        RunTrigger.Retry,
    ];

    private readonly TempDir dir = new();
    private readonly List<RunRecord> all = [];
    private SqliteRunStore store = null!;

    public async ValueTask InitializeAsync()
    {
        store = new SqliteRunStore(new SqliteConnectionFactory(dir.Combine("nanoclaw.db")));
        await store.InitializeAsync();
        // 120 runs a minute apart; every third pair shares its millisecond, so ties need the id.
        for (var i = 0; i < 120; i++)
        {
            var run = new RunRecord
            {
                Id = $"run-{i:D3}",
                TaskId = i % 7 == 0 ? null : Tasks[i % Tasks.Length],
                Group = Groups[i % Groups.Length],
                Mode = ExecutionMode.Host,
                Trigger = Triggers[i % Triggers.Length],
                Status = Statuses[i % Statuses.Length],
                ScheduledAt = Base.AddMinutes(-i),
                StartedAt = Base.AddMinutes(-(i - i % 2 * (i % 3 == 0 ? 1 : 0))),
                Node = "n",
            };
            all.Add(run);
            await store.InsertAsync(run);
        }
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        dir.Dispose();
        return ValueTask.CompletedTask;
    }

    public static TheoryData<string> Filters =>
        [
            "none",
            "task",
            "group",
            "status",
            "trigger",
            "from",
            "to",
            "group+status",
            "task+status+trigger",
            "group+trigger+from+to",
        ];

    [Theory(Timeout = 30_000)]
    [MemberData(nameof(Filters))]
    public async Task Each_filter_narrows_the_history_and_pages_walk_it_newest_first_without_gaps_or_repeats(
        string filter
    )
    {
        var query = Query(filter);
        var expected = all.Where(r => Matches(query, r))
            .OrderByDescending(r => r.StartedAt)
            .ThenByDescending(r => r.Id, StringComparer.Ordinal)
            .Select(r => r.Id)
            .ToList();
        Assert.NotEmpty(expected);
        Assert.True(expected.Count < all.Count || filter == "none", "the filter narrows nothing");

        var seen = new List<string>();
        RunCursor? cursor = null;
        var pages = 0;
        do
        {
            var page = await store.PageAsync(
                query with
                {
                    Before = cursor,
                    Limit = 7,
                },
                TestContext.Current.CancellationToken
            );
            Assert.True(page.Runs.Count <= 7);
            Assert.True(
                page.Next is null || page.Runs.Count == 7,
                "a short page says there is more"
            );
            seen.AddRange(page.Runs.Select(r => r.Id));
            cursor = page.Next;
        } while (cursor is not null && ++pages < 100);

        Assert.Equal(expected, seen);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_page_that_ends_exactly_at_the_last_run_says_there_is_nothing_older()
    {
        var ct = TestContext.Current.CancellationToken;
        var count = all.Count(r => r.Group == "ops" && r.Status == RunStatus.Failed);
        var query = new RunPageQuery
        {
            Group = "ops",
            Status = RunStatus.Failed,
            Limit = count,
        };

        var exact = await store.PageAsync(query, ct);
        var oneShort = await store.PageAsync(query with { Limit = count - 1 }, ct);
        var afterLast = await store.PageAsync(
            query with
            {
                Before = RunCursor.After(exact.Runs[^1]),
            },
            ct
        );

        Assert.Equal(count, exact.Runs.Count);
        Assert.Null(exact.Next);
        Assert.NotNull(oneShort.Next);
        Assert.Empty(afterLast.Runs);
        Assert.Null(afterLast.Next);
    }

    [Theory(Timeout = 30_000)]
    [MemberData(nameof(Filters))]
    public async Task Every_filter_combination_is_answered_from_an_index_without_sorting_the_history(
        string filter
    )
    {
        var query = Query(filter) with
        {
            Before = new RunCursor(Base.ToUnixTimeMilliseconds(), "x"),
        };
        await using var connection = new SqliteConnection(
            $"Data Source={dir.Combine("nanoclaw.db")};Pooling=False"
        );
        await connection.OpenAsync(TestContext.Current.CancellationToken);

        var plan = string.Join(
            "\n",
            (
                await connection.QueryAsync(
                    $"EXPLAIN QUERY PLAN SELECT id FROM nanoclaw_runs {SqliteRunPages.Where(query)} ORDER BY started_at_ms DESC, id DESC LIMIT @Take",
                    SqliteRunPages.Parameters(query, 51)
                )
            ).Select(row => (string)row.detail)
        );

        Assert.Contains("USING INDEX ix_nanoclaw_runs_", plan, StringComparison.Ordinal);
        Assert.Contains(ExpectedIndex(filter), plan, StringComparison.Ordinal);
        // Only ties within one millisecond may be sorted; never the whole match.
        Assert.DoesNotContain("TEMP B-TREE FOR ORDER BY", plan, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task The_activity_count_reads_the_status_and_time_index_alone()
    {
        await using var connection = new SqliteConnection(
            $"Data Source={dir.Combine("nanoclaw.db")};Pooling=False"
        );
        await connection.OpenAsync(TestContext.Current.CancellationToken);

        var plan = string.Join(
            "\n",
            (
                await connection.QueryAsync(
                    "EXPLAIN QUERY PLAN " + SqliteRunPages.CountByHourSql,
                    new { sinceMs = Base.ToUnixTimeMilliseconds() }
                )
            ).Select(row => (string)row.detail)
        );

        Assert.Contains(
            "USING COVERING INDEX ix_nanoclaw_runs_status_started (status=? AND started_at_ms>?)",
            plan,
            StringComparison.Ordinal
        );
    }

    [Fact(Timeout = 30_000)]
    public async Task The_activity_of_the_last_day_has_one_entry_per_hour_with_its_runs_counted_by_status()
    {
        var ct = TestContext.Current.CancellationToken;
        var now = Base.AddMinutes(30);
        // Runs older than the first hour of the window are left out.
        await store.InsertAsync(all[0] with { Id = "old", StartedAt = Base.AddHours(-30) }, ct);

        var hours = await new RunActivity(store, new FixedClock(now)).LastDayAsync(ct);

        Assert.Equal(RunActivity.Hours, hours.Count);
        Assert.Equal(Base, hours[^1].Start);
        Assert.Equal(Base.AddHours(-23), hours[0].Start);
        Assert.Equal(hours.Select(h => h.Start).Order(), hours.Select(h => h.Start));
        foreach (var hour in hours)
        foreach (var status in Enum.GetValues<RunStatus>())
            Assert.Equal(
                all.Count(r =>
                    r.Status == status
                    && r.StartedAt >= hour.Start
                    && r.StartedAt < hour.Start.AddHours(1)
                ),
                hour.CountOf(status)
            );
        Assert.Equal(all.Count, hours.Sum(h => h.Total));
        Assert.Equal(0, hours[0].Total);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("123")]
    [InlineData("123.")]
    [InlineData(".abc")]
    [InlineData("-5.abc")]
    [InlineData("99999999999999999999999.abc")]
    public void A_cursor_that_was_not_written_by_a_page_is_not_read_as_one(string text) =>
        Assert.Null(RunCursor.Parse(text));

    [Fact]
    public void A_cursor_reads_back_what_it_wrote_even_with_dots_in_the_id()
    {
        var cursor = new RunCursor(1_780_000_000_123, "a.b.c");

        Assert.Equal(cursor, RunCursor.Parse(cursor.ToString()));
    }

    private static RunPageQuery Query(string filter)
    {
        var query = new RunPageQuery();
        foreach (var part in filter.Split('+'))
            query = part switch
            {
                "task" => query with { TaskId = "beta" },
                "group" => query with { Group = "ops" },
                "status" => query with { Status = RunStatus.Failed },
                "trigger" => query with { Trigger = RunTrigger.Manual },
                "from" => query with { From = Base.AddMinutes(-80) },
                "to" => query with { To = Base.AddMinutes(-20) },
                _ => query,
            };
        return query;
    }

    private static bool Matches(RunPageQuery query, RunRecord run) =>
        (query.TaskId is null || run.TaskId == query.TaskId)
        && (query.Group is null || run.Group == query.Group)
        && (query.Status is null || run.Status == query.Status)
        && (query.Trigger is null || run.Trigger == query.Trigger)
        && (query.From is null || run.StartedAt >= query.From)
        && (query.To is null || run.StartedAt < query.To);

    private static string ExpectedIndex(string filter) =>
        filter.Split('+')[0] switch
        {
            "task" => "ix_nanoclaw_runs_task ",
            "group" when filter.Contains("status", StringComparison.Ordinal) =>
                "ix_nanoclaw_runs_group_status_started",
            "group" => "ix_nanoclaw_runs_group ",
            "status" => "ix_nanoclaw_runs_status_started",
            "trigger" => "ix_nanoclaw_runs_trigger_started",
            _ => "ix_nanoclaw_runs_started ",
        };

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
