using System.Text.Json.Nodes;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Cli;

/// <summary>
/// A task's own pause and its group's are separate states, kept across restarts and reloads; the
/// real CLI against the real daemon.
/// </summary>
public sealed class PauseSpec
{
    private static string Jobs(string extraTask = "") =>
        new JobsJsonBuilder()
            .Group("main", isMain: true)
            .Group("ops")
            .ShellTask("steady", "ops", "echo steady", new { interval = "00:00:02" })
            .ShellTask("held", "ops", "echo held" + extraTask, new { interval = "00:00:02" })
            .ToString();

    [Fact(Timeout = 300_000)]
    public async Task Resuming_a_group_leaves_a_task_paused_on_its_own_paused_across_restarts()
    {
        using var workspace = new Workspace();
        workspace.WriteJobs(Jobs());
        await using (var daemon = workspace.StartDaemon())
        {
            await daemon.WaitForOutputAsync("NanoClaw ready", TimeSpan.FromSeconds(90));
            await Ok(workspace, "pause", "held");
            await Ok(workspace, "pause", "--group", "ops");
            var states = await StatesAsync(workspace);
            Assert.Equal("paused (task, group)", states["held"]);
            Assert.Equal("paused (group)", states["steady"]);
            Assert.Equal(0, await daemon.TerminateAsync(TimeSpan.FromSeconds(30)));
        }

        await using (var daemon = workspace.StartDaemon())
        {
            await daemon.WaitForOutputAsync("NanoClaw ready", TimeSpan.FromSeconds(90));
            // Both pauses came back from the store.
            var states = await StatesAsync(workspace);
            Assert.Equal("paused (task, group)", states["held"]);
            Assert.Equal("paused (group)", states["steady"]);

            var resumed = await Ok(workspace, "resume", "--group", "ops");
            Assert.Contains("1 task(s) paused on their own stay paused", resumed.Stdout);
            states = await StatesAsync(workspace);
            Assert.Equal("paused", states["held"]);
            Assert.Equal("normal", states["steady"]);

            // 'held' was overdue through the whole group pause: resuming the group must not fire it.
            var before = (await workspace.RunsAsync("held")).Count;
            await workspace.WaitForRunsAsync("steady", 1, TimeSpan.FromSeconds(30));
            await Task.Delay(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
            Assert.Equal(before, (await workspace.RunsAsync("held")).Count);
            Assert.Equal(0, await daemon.TerminateAsync(TimeSpan.FromSeconds(30)));
        }

        await using (var daemon = workspace.StartDaemon())
        {
            await daemon.WaitForOutputAsync("NanoClaw ready", TimeSpan.FromSeconds(90));
            var states = await StatesAsync(workspace);
            Assert.Equal("paused", states["held"]);
            Assert.Equal("normal", states["steady"]);
        }
    }

    [Fact(Timeout = 240_000)]
    public async Task A_task_resumed_in_a_paused_group_waits_for_the_group_and_says_so()
    {
        using var workspace = new Workspace();
        workspace.WriteJobs(Jobs());
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitForOutputAsync("NanoClaw ready", TimeSpan.FromSeconds(90));
        await Ok(workspace, "pause", "held");
        await Ok(workspace, "pause", "--group", "ops");

        var resumed = await Ok(workspace, "resume", "held");

        Assert.Contains("Task held: paused (group).", resumed.Stdout);
        Assert.Contains("nanoclaw resume --group ops", resumed.Stdout);
        var json = await TasksJsonAsync(workspace);
        var held = json.Single(t => (string)t!["id"]! == "held")!;
        Assert.Equal("paused", (string)held["state"]!);
        Assert.False((bool)held["taskPaused"]!);
        Assert.True((bool)held["groupPaused"]!);
        Assert.Null(held["nextRunAt"]);
        var table = await Ok(workspace, "tasks");
        Assert.Matches(
            @"^held\s.*\spaused \(group\)\s+-\s",
            table.Stdout.Split('\n').Single(l => l.StartsWith("held ", StringComparison.Ordinal))
        );

        var before = (await workspace.RunsAsync("held")).Count;
        await Task.Delay(TimeSpan.FromSeconds(4), TestContext.Current.CancellationToken);
        Assert.Equal(before, (await workspace.RunsAsync("held")).Count);

        // The group's resume is what lets it run now.
        await Ok(workspace, "resume", "--group", "ops");
        await workspace.WaitForRunsAsync("held", before + 1, TimeSpan.FromSeconds(30));
        Assert.Equal("normal", (await StatesAsync(workspace))["held"]);
    }

    [Fact(Timeout = 300_000)]
    public async Task A_task_added_to_a_paused_group_by_the_api_or_a_reload_is_paused_with_it()
    {
        using var workspace = new Workspace();
        workspace.WriteJobs(Jobs());
        await using (var daemon = workspace.StartDaemon())
        {
            await daemon.WaitForOutputAsync("NanoClaw ready", TimeSpan.FromSeconds(90));
            await Ok(workspace, "pause", "--group", "ops");

            await Ok(
                workspace,
                "tasks",
                "add",
                "--id",
                "added",
                "--group",
                "ops",
                "--interval",
                "00:00:02",
                "--",
                "true"
            );
            workspace.WriteJobs(
                new JobsJsonBuilder()
                    .Group("main", isMain: true)
                    .Group("ops")
                    .ShellTask("steady", "ops", "echo steady", new { interval = "00:00:02" })
                    .ShellTask("held", "ops", "echo held", new { interval = "00:00:02" })
                    .ShellTask("reloaded", "ops", "echo new", new { interval = "00:00:02" })
                    .ToString()
            );
            await Ok(workspace, "reload");

            var states = await StatesAsync(workspace);
            Assert.Equal("paused (group)", states["added"]);
            Assert.Equal("paused (group)", states["reloaded"]);
            await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
            Assert.Empty(await workspace.RunsAsync("added"));
            Assert.Empty(await workspace.RunsAsync("reloaded"));
            Assert.Equal(0, await daemon.TerminateAsync(TimeSpan.FromSeconds(30)));
        }
        await using (var daemon = workspace.StartDaemon())
        {
            await daemon.WaitForOutputAsync("NanoClaw ready", TimeSpan.FromSeconds(90));
            var states = await StatesAsync(workspace);
            Assert.Equal("paused (group)", states["added"]);
            Assert.Equal("paused (group)", states["reloaded"]);
        }
    }

    [Fact(Timeout = 300_000)]
    public async Task A_changed_definition_keeps_the_tasks_own_pause_through_reload_and_restart()
    {
        using var workspace = new Workspace();
        workspace.WriteJobs(Jobs());
        await using (var daemon = workspace.StartDaemon())
        {
            await daemon.WaitForOutputAsync("NanoClaw ready", TimeSpan.FromSeconds(90));
            await Ok(workspace, "pause", "held");
            workspace.WriteJobs(Jobs(extraTask: " changed"));
            await Ok(workspace, "reload");
            Assert.Equal("paused", (await StatesAsync(workspace))["held"]);
            Assert.Equal(0, await daemon.TerminateAsync(TimeSpan.FromSeconds(30)));
        }
        workspace.WriteJobs(Jobs(extraTask: " changed again"));
        await using (var daemon = workspace.StartDaemon())
        {
            await daemon.WaitForOutputAsync("NanoClaw ready", TimeSpan.FromSeconds(90));
            Assert.Equal("paused", (await StatesAsync(workspace))["held"]);
            var before = (await workspace.RunsAsync("held")).Count;
            await workspace.WaitForRunsAsync("steady", 1, TimeSpan.FromSeconds(30));
            await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
            Assert.Equal(before, (await workspace.RunsAsync("held")).Count);
        }
    }

    [Fact(Timeout = 240_000)]
    public async Task A_task_removed_while_paused_comes_back_as_a_new_unpaused_task()
    {
        using var workspace = new Workspace();
        workspace.WriteJobs(Jobs());
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitForOutputAsync("NanoClaw ready", TimeSpan.FromSeconds(90));
        await Ok(workspace, "pause", "held");

        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("main", isMain: true)
                .Group("ops")
                .ShellTask("steady", "ops", "echo steady", new { interval = "00:00:02" })
                .ToString()
        );
        await Ok(workspace, "reload");
        workspace.WriteJobs(Jobs());
        await Ok(workspace, "reload");

        Assert.Equal("normal", (await StatesAsync(workspace))["held"]);
    }

    [Fact(Timeout = 180_000)]
    public async Task Pausing_an_unknown_task_or_group_is_an_error_that_names_it()
    {
        using var workspace = new Workspace();
        workspace.WriteJobs(Jobs());
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitForOutputAsync("NanoClaw ready", TimeSpan.FromSeconds(90));

        var task = await workspace.CliAsync("pause", "nope");
        var group = await workspace.CliAsync("resume", "--group", "nope");

        Assert.NotEqual(0, task.ExitCode);
        Assert.Contains("'nope'", task.Stderr);
        Assert.NotEqual(0, group.ExitCode);
        Assert.Contains("'nope'", group.Stderr);
    }

    private static async Task<CliRun> Ok(Workspace workspace, params string[] args)
    {
        var run = await workspace.CliAsync(args);
        Assert.True(run.ExitCode == 0, $"nanoclaw {string.Join(' ', args)}: {run}");
        return run;
    }

    private static async Task<JsonArray> TasksJsonAsync(Workspace workspace) =>
        JsonNode.Parse((await Ok(workspace, "tasks", "--json")).Stdout)!.AsArray();

    /// <summary>
    /// Each task's state as the table shows it, read from <c>tasks --json</c>, whose <c>state</c>
    /// stays <c>normal</c> or <c>paused</c> for scripts, with what holds it beside.
    /// </summary>
    private static async Task<Dictionary<string, string>> StatesAsync(Workspace workspace) =>
        (await TasksJsonAsync(workspace)).ToDictionary(
            t => (string)t!["id"]!,
            t =>
            {
                var state = (string)t!["state"]!;
                var own = (bool)t["taskPaused"]!;
                var group = (bool)t["groupPaused"]!;
                Assert.Equal(own || group ? "paused" : "normal", state);
                return (own, group) switch
                {
                    (true, true) => "paused (task, group)",
                    (true, false) => "paused",
                    (false, true) => "paused (group)",
                    _ => state,
                };
            }
        );
}
