using System.Text.Json;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Admin;

/// <summary>What operators change at run time lives in the store: it survives restarts and reloads.</summary>
public sealed class RuntimeStateSpec
{
    [Fact(Timeout = 120_000)]
    public async Task Pausing_a_task_and_a_group_survives_a_restart_and_resume_brings_them_back()
    {
        using var workspace = new Workspace();
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("main", isMain: true)
                .Group("work")
                .ShellTask("solo", "main", "true", new { interval = "01:00:00" })
                .ShellTask("chore", "work", "true", new { interval = "01:00:00" })
                .ToString()
        );
        await using (var daemon = workspace.StartDaemon())
        {
            await daemon.WaitUntilStartedAsync();
            Assert.Equal(0, (await workspace.CliAsync("pause", "solo")).ExitCode);
            Assert.Equal(0, (await workspace.CliAsync("pause", "--group", "work")).ExitCode);
            Assert.Equal(0, await daemon.TerminateAsync(TimeSpan.FromSeconds(30)));
        }

        await using (var daemon = workspace.StartDaemon())
        {
            await daemon.WaitUntilStartedAsync();
            var paused = await StatesAsync(workspace);
            Assert.Equal("paused", paused["solo"]);
            Assert.Equal("paused", paused["chore"]);

            Assert.Equal(0, (await workspace.CliAsync("resume", "solo")).ExitCode);
            Assert.Equal(0, (await workspace.CliAsync("resume", "--group", "work")).ExitCode);
            var resumed = await StatesAsync(workspace);
            Assert.Equal("normal", resumed["solo"]);
            Assert.Equal("normal", resumed["chore"]);
            Assert.Equal(2, (await workspace.CliAsync("pause")).ExitCode);
            Assert.Equal(1, (await workspace.CliAsync("pause", "nope")).ExitCode);
        }
    }

    [Fact(Timeout = 90_000)]
    public async Task A_run_triggered_in_a_paused_group_waits_for_the_resume_and_says_so()
    {
        using var workspace = new Workspace();
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("main", isMain: true)
                .Group("work")
                .ShellTask("chore", "work", "echo done")
                .ToString()
        );
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();
        Assert.Equal(0, (await workspace.CliAsync("pause", "--group", "work")).ExitCode);

        var trigger = await workspace.CliAsync("trigger", "chore", "--json");
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        var whilePaused = await workspace.RunsAsync("chore");
        Assert.Equal(0, (await workspace.CliAsync("resume", "--group", "work")).ExitCode);
        var afterResume = await workspace.WaitForRunsAsync(
            "chore",
            1,
            TimeSpan.FromSeconds(20),
            r => r.Status is not (NanoClaw.Runs.RunStatus.Running or NanoClaw.Runs.RunStatus.Queued)
        );

        Assert.Equal(0, trigger.ExitCode);
        Assert.Contains("Group work is paused", trigger.Stderr, StringComparison.Ordinal);
        Assert.True(
            JsonDocument.Parse(trigger.Stdout).RootElement.GetProperty("groupPaused").GetBoolean()
        );
        // Recorded as queued at once, and nothing ran while the group was paused.
        Assert.Equal(NanoClaw.Runs.RunStatus.Queued, Assert.Single(whilePaused).Status);
        Assert.Equal(NanoClaw.Runs.RunStatus.Succeeded, Assert.Single(afterResume).Status);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_task_added_at_run_time_survives_a_restart_and_a_reload_and_a_bad_reload_changes_nothing()
    {
        using var workspace = new Workspace();
        var jobs = new JobsJsonBuilder()
            .Group("main", isMain: true)
            .ShellTask("from-file", "main", "true", new { interval = "01:00:00" });
        workspace.WriteJobs(jobs.ToString());
        await using (var daemon = workspace.StartDaemon())
        {
            await daemon.WaitUntilStartedAsync();
            var add = await workspace.CliAsync(
                "tasks",
                "add",
                "--id",
                "added",
                "--group",
                "main",
                "--cron",
                "0 3 * * *",
                "--",
                "echo",
                "added"
            );
            Assert.True(add.ExitCode == 0, add.Stderr);
            var invalid = await workspace.CliAsync(
                "tasks",
                "add",
                "--id",
                "bad",
                "--group",
                "nope",
                "--",
                "true"
            );
            Assert.Equal(2, invalid.ExitCode);
            Assert.Contains("unknown group 'nope'", invalid.Stderr, StringComparison.Ordinal);
            Assert.Equal(0, await daemon.TerminateAsync(TimeSpan.FromSeconds(30)));
        }

        await using (var daemon = workspace.StartDaemon())
        {
            await daemon.WaitUntilStartedAsync();
            Assert.Equal(["added", "from-file"], (await SourcesAsync(workspace)).Keys.Order());

            // A good reload: the file's own tasks change, the added task stays.
            workspace.WriteJobs(
                jobs.ShellTask("second", "main", "true", new { interval = "01:00:00" }).ToString()
            );
            Assert.Equal(0, (await workspace.CliAsync("reload")).ExitCode);
            var sources = await SourcesAsync(workspace);
            Assert.Equal("api", sources["added"]);
            Assert.Equal("file", sources["second"]);

            // A bad reload: every problem reported, exit 2, nothing changed.
            workspace.WriteJobs(
                """{ "groups": { "main": {} }, "tasks": [ { "id": "x", "group": "opz", "command": ["true"] }, { "id": "y" } ] }"""
            );
            var bad = await workspace.CliAsync("reload");
            Assert.Equal(2, bad.ExitCode);
            Assert.Contains("jobs.json:1:", bad.Stderr, StringComparison.Ordinal);
            Assert.Contains("unknown group 'opz'", bad.Stderr, StringComparison.Ordinal);
            Assert.Contains("task 'y'", bad.Stderr, StringComparison.Ordinal);
            Assert.Equal(sources, await SourcesAsync(workspace));
            Assert.Equal(1, (await workspace.CliAsync("tasks", "remove", "from-file")).ExitCode);
            Assert.Equal(0, (await workspace.CliAsync("tasks", "remove", "added")).ExitCode);
            Assert.False((await SourcesAsync(workspace)).ContainsKey("added"));
        }
    }

    [Fact(Timeout = 90_000)]
    public async Task The_daemon_applies_an_edited_jobs_file_by_itself_and_ignores_an_invalid_edit()
    {
        using var workspace = new Workspace();
        var jobs = new JobsJsonBuilder()
            .Group("main", isMain: true)
            .ShellTask("first", "main", "true", new { interval = "01:00:00" });
        workspace.WriteJobs(jobs.ToString());
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();

        workspace.WriteJobs(
            jobs.ShellTask("second", "main", "true", new { interval = "01:00:00" }).ToString()
        );
        var afterEdit = await SourcesWhenAsync(workspace, s => s.ContainsKey("second"));
        workspace.WriteJobs(
            """{ "groups": { "main": {} }, "tasks": [ { "id": "broken", "group": "nowhere" } ] }"""
        );
        await daemon.WaitForOutputAsync("unknown group 'nowhere'", TimeSpan.FromSeconds(20));

        Assert.Equal(["first", "second"], afterEdit.Keys.Order());
        Assert.Equal(afterEdit, await SourcesAsync(workspace));
    }

    private static async Task<Dictionary<string, string>> SourcesWhenAsync(
        Workspace workspace,
        Func<Dictionary<string, string>, bool> condition
    )
    {
        for (var i = 0; i < 100; i++)
        {
            var sources = await SourcesAsync(workspace);
            if (condition(sources))
                return sources;
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
        Assert.Fail("the daemon did not apply the edited jobs file within 20 s");
        return [];
    }

    [Fact(Timeout = 120_000)]
    public async Task A_jobs_file_task_never_replaces_or_removes_a_run_time_task_of_the_same_id()
    {
        using var workspace = new Workspace();
        var withShared = new JobsJsonBuilder()
            .Group("main", isMain: true)
            .ShellTask("shared", "main", "echo file", new { cron = "0 4 * * *" })
            .ToString();
        var withoutShared = new JobsJsonBuilder().Group("main", isMain: true).ToString();
        workspace.WriteJobs(withShared);
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();

        // The file's task goes, and a run-time task takes its id.
        workspace.WriteJobs(withoutShared);
        Assert.Equal(0, (await workspace.CliAsync("reload")).ExitCode);
        var add = await workspace.CliAsync(
            "tasks",
            "add",
            "--id",
            "shared",
            "--group",
            "main",
            "--cron",
            "0 3 * * *",
            "--",
            "echo",
            "api"
        );
        Assert.True(add.ExitCode == 0, add.Stderr);

        // The file names it again, then drops it again: the run-time task stays as it was.
        workspace.WriteJobs(withShared);
        Assert.Equal(0, (await workspace.CliAsync("reload")).ExitCode);
        Assert.Equal("api", (await SourcesAsync(workspace))["shared"]);
        workspace.WriteJobs(withoutShared);
        Assert.Equal(0, (await workspace.CliAsync("reload")).ExitCode);
        Assert.Equal("api", (await SourcesAsync(workspace))["shared"]);
    }

    private static async Task<Dictionary<string, string>> StatesAsync(Workspace workspace) =>
        (await TasksAsync(workspace)).ToDictionary(
            t => t.GetProperty("id").GetString()!,
            t => t.GetProperty("state").GetString()!
        );

    private static async Task<Dictionary<string, string>> SourcesAsync(Workspace workspace) =>
        (await TasksAsync(workspace)).ToDictionary(
            t => t.GetProperty("id").GetString()!,
            t => t.GetProperty("source").GetString()!
        );

    private static async Task<JsonElement[]> TasksAsync(Workspace workspace)
    {
        var result = await workspace.CliAsync("tasks", "--json");
        Assert.True(result.ExitCode == 0, result.Stderr);
        return
        [
            .. JsonDocument
                .Parse(result.Stdout)
                .RootElement.EnumerateArray()
                .Select(e => e.Clone()),
        ];
    }
}
