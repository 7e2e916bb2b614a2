using System.Text.Json;
using Microsoft.Data.Sqlite;
using NanoClaw.Runs;
using NanoClaw.Tests.Dashboard.Support;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Runs;

/// <summary>
/// Each run keeps what it was handed (its prompt and the session it continued) and the session its
/// agent reported, so history reads the same after the task or the session moves on.
/// </summary>
public sealed class RunInputSpec
{
    private const string FirstPrompt = "Summarise the night <b>for ops</b>";
    private const string EditedPrompt = "Something else entirely";

    [Fact(Timeout = 120_000)]
    public async Task An_agent_run_keeps_its_prompt_and_sessions_after_the_task_is_edited()
    {
        using var workspace = new Workspace();
        workspace.WriteJobs(Jobs(FirstPrompt));
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();

        await TriggerAsync(workspace, "digest");
        await TriggerAsync(workspace, "digest");
        await TriggerAsync(workspace, "plain");
        var runs = await workspace.RunsAsync("digest");
        var (first, second) = (runs[1], runs[0]);
        var plain = (await workspace.RunsAsync("plain")).Single();

        Assert.Equal(FirstPrompt, first.Prompt);
        Assert.Null(first.SessionId);
        Assert.StartsWith("session-", first.NewSessionId, StringComparison.Ordinal);
        // The second run continued the session the first one reported (contextMode group).
        Assert.Equal(first.NewSessionId, second.SessionId);
        Assert.Equal(second.SessionId, second.NewSessionId);
        Assert.True(first.IsInputRecorded);
        Assert.Null(plain.Prompt);
        Assert.Null(plain.SessionId);
        Assert.Null(plain.NewSessionId);

        workspace.WriteJobs(Jobs(EditedPrompt));
        var reload = await workspace.CliAsync("reload");
        Assert.True(reload.ExitCode == 0, reload.ToString());
        await TriggerAsync(workspace, "digest");
        var third = (await workspace.RunsAsync("digest"))[0];
        Assert.Equal(EditedPrompt, third.Prompt);

        var kept = (await workspace.RunsAsync("digest")).Single(r => r.Id == first.Id);
        Assert.Equal(FirstPrompt, kept.Prompt);
        Assert.Equal(first.NewSessionId, kept.NewSessionId);
        var json = await workspace.CliAsync("run", first.Id, "--json");
        Assert.True(json.ExitCode == 0, json.ToString());
        var record = JsonDocument.Parse(json.Stdout).RootElement;
        Assert.Equal(FirstPrompt, record.GetProperty("prompt").GetString());
        Assert.Equal(JsonValueKind.Null, record.GetProperty("sessionId").ValueKind);
        Assert.Equal(first.NewSessionId, record.GetProperty("newSessionId").GetString());
        Assert.False(record.TryGetProperty("isInputRecorded", out _));
        var text = await workspace.CliAsync("run", second.Id);
        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains(FirstPrompt, text.Stdout, StringComparison.Ordinal);
        Assert.Contains($"session:   {second.SessionId}", text.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(EditedPrompt, text.Stdout, StringComparison.Ordinal);

        using var browser = new DashboardHttp(workspace.AdminUrl);
        await browser.LoginAsync(AdminHttp.Token(workspace));
        var page = await browser.Client.GetStringAsync(
            $"/runs/{second.Id}",
            TestContext.Current.CancellationToken
        );
        Assert.Contains(
            "Summarise the night &lt;b&gt;for ops&lt;/b&gt;",
            page,
            StringComparison.Ordinal
        );
        Assert.DoesNotContain(EditedPrompt, page, StringComparison.Ordinal);
        Assert.Contains($"<code>{second.SessionId}</code>", page, StringComparison.Ordinal);
        var plainPage = await browser.Client.GetStringAsync(
            $"/runs/{plain.Id}",
            TestContext.Current.CancellationToken
        );
        Assert.DoesNotContain("<h2>Prompt</h2>", plainPage, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_store_of_the_previous_version_keeps_its_runs_which_read_as_not_recorded()
    {
        using var workspace = new Workspace();
        workspace.WriteJobs(Jobs(FirstPrompt));
        RunRecord before;
        await using (var daemon = workspace.StartDaemon())
        {
            await daemon.WaitUntilStartedAsync();
            await TriggerAsync(workspace, "digest");
            before = (await workspace.RunsAsync("digest")).Single();
            Assert.Equal(0, await daemon.TerminateAsync(TimeSpan.FromSeconds(30)));
        }
        // The file as the previous version left it: the same tables without this version's columns.
        Execute(
            workspace.DatabaseFile,
            """
            ALTER TABLE nanoclaw_runs DROP COLUMN prompt;
            ALTER TABLE nanoclaw_runs DROP COLUMN session_id;
            ALTER TABLE nanoclaw_runs DROP COLUMN new_session_id;
            ALTER TABLE nanoclaw_runs DROP COLUMN input_recorded;
            DROP TRIGGER tr_nanoclaw_task_latest_insert;
            DROP TRIGGER tr_nanoclaw_task_latest_update;
            DROP TRIGGER tr_nanoclaw_task_latest_delete;
            DROP TABLE nanoclaw_task_latest;
            PRAGMA user_version = 7;
            """
        );
        var beforeUpgrade = await workspace.CliAsync("run", before.Id);

        await using (var daemon = workspace.StartDaemon())
        {
            await daemon.WaitUntilStartedAsync();
            var after = (await workspace.RunsAsync("digest")).Single();
            var text = await workspace.CliAsync("run", before.Id);
            using var browser = new DashboardHttp(workspace.AdminUrl);
            await browser.LoginAsync(AdminHttp.Token(workspace));
            var page = await browser.Client.GetStringAsync(
                $"/runs/{before.Id}",
                TestContext.Current.CancellationToken
            );

            // A CLI newer than the store says so, instead of calling the store damaged.
            Assert.Equal(2, beforeUpgrade.ExitCode);
            Assert.Contains("older NanoClaw", beforeUpgrade.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("damaged", beforeUpgrade.Stderr, StringComparison.Ordinal);
            Assert.False(after.IsInputRecorded);
            Assert.Null(after.Prompt);
            Assert.Equal(
                JsonSerializer.Serialize(
                    before with
                    {
                        Prompt = null,
                        SessionId = null,
                        NewSessionId = null,
                    },
                    RunJson.Options
                ),
                JsonSerializer.Serialize(after, RunJson.Options)
            );
            Assert.True(text.ExitCode == 0, text.ToString());
            Assert.Contains("prompt:    not recorded", text.Stdout, StringComparison.Ordinal);
            Assert.Contains("Not recorded", page, StringComparison.Ordinal);
            Assert.DoesNotContain(FirstPrompt, page, StringComparison.Ordinal);
            Assert.Equal(
                (long)NanoClaw.Runs.Sqlite.SqliteSchema.Version,
                Scalar(workspace.DatabaseFile, "PRAGMA user_version")
            );
        }
    }

    private static string Jobs(string prompt) =>
        new JobsJsonBuilder()
            .Group("main", isMain: true)
            .PromptTask("digest", "main", prompt, new { contextMode = "group" })
            .ShellTask("plain", "main", "echo plain")
            .ToString();

    private static async Task TriggerAsync(Workspace workspace, string taskId)
    {
        var run = await workspace.CliAsync("trigger", taskId, "--wait");
        Assert.True(run.ExitCode == 0, run.ToString());
    }

    private static void Execute(string databaseFile, string sql)
    {
        using (var connection = new SqliteConnection($"Data Source={databaseFile}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
        SqliteConnection.ClearAllPools();
    }

    private static object? Scalar(string databaseFile, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={databaseFile};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
