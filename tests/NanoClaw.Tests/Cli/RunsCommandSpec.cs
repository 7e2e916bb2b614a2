using System.Text.Json;
using NanoClaw.Jobs;
using NanoClaw.Runs;
using NanoClaw.Runs.Sqlite;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Cli;

/// <summary><c>runs</c> and <c>run</c> read the store directly, with the daemon down.</summary>
public sealed class RunsCommandSpec
{
    private static readonly DateTimeOffset Base = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    [Fact(Timeout = 60_000)]
    public async Task A_limit_that_is_not_a_number_in_range_is_exit_2_with_a_message_not_a_stack_trace()
    {
        using var workspace = new Workspace();

        var word = await workspace.CliAsync("runs", "--limit", "abc");
        var huge = await workspace.CliAsync("runs", "--limit", "99999999999");
        var negative = await workspace.CliAsync("runs", "--limit", "-5");

        foreach (
            var (answer, expected) in new[]
            {
                (word, "--limit: 'abc' is not a whole number; use 1 to 100000"),
                (huge, "--limit: '99999999999' is too large; use 1 to 100000"),
                (negative, "--limit: '-5' is too small; use 1 to 100000"),
            }
        )
        {
            Assert.Equal(2, answer.ExitCode);
            Assert.Contains(expected, answer.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain(" at ", answer.Stderr, StringComparison.Ordinal);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Runs_lists_newest_first_with_filters_and_the_contracts_json()
    {
        using var workspace = new Workspace();
        await SeedAsync(
            workspace,
            Record("r1", "alpha", "main", RunStatus.Succeeded, 0),
            Record("r2", "beta", "main", RunStatus.Failed, 1),
            Record("r3", "alpha", "main", RunStatus.Failed, 3),
            Record("r4", null, "other", RunStatus.Succeeded, 0)
        );

        var all = await JsonRunsAsync(workspace, "runs", "--json");
        var alpha = await JsonRunsAsync(workspace, "runs", "--task", "alpha", "--json");
        var failed = await JsonRunsAsync(
            workspace,
            "runs",
            "--status",
            "failed",
            "--limit",
            "1",
            "--json"
        );
        var other = await JsonRunsAsync(workspace, "runs", "--group", "other", "--json");

        Assert.Equal(["r4", "r3", "r2", "r1"], all.Select(r => r.GetProperty("id").GetString()));
        Assert.Equal(["r3", "r1"], alpha.Select(r => r.GetProperty("id").GetString()));
        Assert.Equal(["r3"], failed.Select(r => r.GetProperty("id").GetString()));
        var exec = Assert.Single(other);
        Assert.Equal(JsonValueKind.Null, exec.GetProperty("taskId").ValueKind);
        var r3 = all[1];
        Assert.Equal("failed", r3.GetProperty("status").GetString());
        Assert.Equal("schedule", r3.GetProperty("trigger").GetString());
        Assert.Equal("host", r3.GetProperty("mode").GetString());
        Assert.Equal(3, r3.GetProperty("exitCode").GetInt32());
        Assert.Equal(1200, r3.GetProperty("durationMs").GetInt64());
        Assert.Equal("out of r3\n", r3.GetProperty("stdout").GetString());
        Assert.Equal("oops\n", r3.GetProperty("stderr").GetString());
        Assert.Equal("test-node", r3.GetProperty("node").GetString());
        Assert.Equal(42, r3.GetProperty("result").GetProperty("answer").GetInt32());
        Assert.Equal(
            Base.AddMinutes(3),
            DateTimeOffset.Parse(
                r3.GetProperty("startedAt").GetString()!,
                System.Globalization.CultureInfo.InvariantCulture
            )
        );
        foreach (
            var field in new[]
            {
                "id",
                "taskId",
                "group",
                "mode",
                "trigger",
                "status",
                "exitCode",
                "scheduledAt",
                "startedAt",
                "finishedAt",
                "durationMs",
                "result",
                "stdout",
                "stderr",
                "error",
                "node",
            }
        )
            Assert.True(r3.TryGetProperty(field, out _), $"run record lacks '{field}'");
    }

    [Fact(Timeout = 60_000)]
    public async Task Run_shows_one_record_and_an_unknown_id_fails()
    {
        using var workspace = new Workspace();
        await SeedAsync(workspace, Record("r1", "alpha", "main", RunStatus.Failed, 3));

        var json = await CliRun.ExecAsync(workspace.Path, ["run", "r1", "--json"]);
        var text = await CliRun.ExecAsync(workspace.Path, ["run", "r1"]);
        var missing = await CliRun.ExecAsync(workspace.Path, ["run", "nope"]);
        var badStatus = await CliRun.ExecAsync(workspace.Path, ["runs", "--status", "sleeping"]);

        Assert.Equal(0, json.ExitCode);
        Assert.Equal(
            "r1",
            JsonDocument.Parse(json.Stdout).RootElement.GetProperty("id").GetString()
        );
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("status:    failed", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("out of r1", text.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("nope", missing.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, badStatus.ExitCode);
        Assert.Contains("sleeping", badStatus.Stderr, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Runs_on_a_data_directory_never_used_prints_an_empty_list_and_creates_nothing()
    {
        using var workspace = new Workspace();

        var result = await CliRun.ExecAsync(workspace.Path, ["runs", "--json"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("[]", result.Stdout.Trim());
        Assert.False(File.Exists(workspace.DatabaseFile));
    }

    private static async Task<JsonElement[]> JsonRunsAsync(
        Workspace workspace,
        params string[] args
    )
    {
        var result = await CliRun.ExecAsync(workspace.Path, args);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return
        [
            .. JsonDocument
                .Parse(result.Stdout)
                .RootElement.EnumerateArray()
                .Select(e => e.Clone()),
        ];
    }

    private static async Task SeedAsync(Workspace workspace, params RunRecord[] runs)
    {
        Directory.CreateDirectory(workspace.DataDir);
        var store = new SqliteRunStore(new SqliteConnectionFactory(workspace.DatabaseFile));
        await store.InitializeAsync(TestContext.Current.CancellationToken);
        foreach (var run in runs)
            await store.InsertAsync(run, TestContext.Current.CancellationToken);
    }

    private static RunRecord Record(
        string id,
        string? task,
        string group,
        RunStatus status,
        int exit
    )
    {
        var started = Base.AddMinutes(
            int.Parse(id[1..], System.Globalization.CultureInfo.InvariantCulture)
        );
        return new RunRecord
        {
            Id = id,
            TaskId = task,
            Group = group,
            Mode = ExecutionMode.Host,
            Trigger = task is null ? RunTrigger.Manual : RunTrigger.Schedule,
            Status = status,
            ExitCode = exit,
            ScheduledAt = started,
            StartedAt = started,
            FinishedAt = started.AddMilliseconds(1200),
            DurationMs = 1200,
            Result = JsonDocument.Parse("""{"answer":42}""").RootElement,
            Stdout = $"out of {id}\n",
            Stderr = "oops\n",
            Node = "test-node",
        };
    }
}
