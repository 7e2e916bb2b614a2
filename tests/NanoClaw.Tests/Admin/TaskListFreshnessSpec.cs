using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using NanoClaw.Tests.Dashboard.Support;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Admin;

/// <summary>
/// The task list keeps parsed definitions between reads (README "Dashboard"): whatever changes a
/// task, and whoever makes the change, the next read of the API's list, the status and the
/// dashboard's tasks page shows it.
/// </summary>
public sealed class TaskListFreshnessSpec
{
    [Fact(Timeout = 180_000)]
    public async Task Every_change_to_a_task_shows_in_the_lists_at_once_whoever_made_it()
    {
        var ct = TestContext.Current.CancellationToken;
        using var workspace = new Workspace();
        workspace.WriteJobs(Jobs("first words"));
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();
        using var api = AdminHttp.For(workspace);
        using var dashboard = new DashboardHttp(workspace.AdminUrl);
        await dashboard.LoginAsync(AdminHttp.Token(workspace));
        Assert.Equal("first words", (await TasksAsync(api))["nightly"].Description);

        // The jobs file, reloaded.
        workspace.WriteJobs(Jobs("second words"));
        Assert.Equal(0, (await workspace.CliAsync("reload")).ExitCode);
        Assert.Equal("second words", (await TasksAsync(api))["nightly"].Description);
        Assert.Contains(Link("nightly"), await PageAsync(dashboard, "/tasks?q=second+words"));
        Assert.DoesNotContain(Link("nightly"), await PageAsync(dashboard, "/tasks?q=first+words"));

        // The API, through the command line: add, pause, resume, remove.
        var add = await workspace.CliAsync(
            "tasks",
            "add",
            "--id",
            "added",
            "--group",
            "work",
            "--cron",
            "0 4 * * *",
            "--",
            "echo",
            "added"
        );
        Assert.True(add.ExitCode == 0, add.Stderr);
        Assert.Equal("normal", (await TasksAsync(api))["added"].State);
        Assert.Equal(2, await StatusCountAsync(api, "tasks"));
        Assert.Contains(Link("added"), await PageAsync(dashboard, "/tasks?source=api"));

        Assert.Equal(0, (await workspace.CliAsync("pause", "added")).ExitCode);
        Assert.Equal("paused", (await TasksAsync(api))["added"].State);
        Assert.Equal(1, await StatusCountAsync(api, "pausedTasks"));
        Assert.Contains(Link("added"), await PageAsync(dashboard, "/tasks?state=paused"));
        Assert.Equal(0, (await workspace.CliAsync("resume", "added")).ExitCode);
        Assert.Equal("normal", (await TasksAsync(api))["added"].State);
        Assert.DoesNotContain(Link("added"), await PageAsync(dashboard, "/tasks?state=paused"));

        // Another process writing the store (as another node would): a changed definition and hash.
        await using (var other = new SqliteConnection($"Data Source={workspace.DatabaseFile}"))
        {
            await other.OpenAsync(ct);
            var changed = await other.ExecuteAsync(
                """
                UPDATE QRTZ_TRIGGERS SET JOB_DATA = CAST(json_set(CAST(JOB_DATA AS TEXT),
                    '$."nanoclaw.task"', '' || json_set(json_extract(CAST(JOB_DATA AS TEXT), '$."nanoclaw.task"'),
                        '$.description', 'written elsewhere'),
                    '$."nanoclaw.taskHash"', 'elsewhere0000000') AS BLOB)
                WHERE TRIGGER_NAME = 'nightly' AND TRIGGER_GROUP = 'work'
                """
            );
            Assert.Equal(1, changed);
            // The definition stays a string in the map, as Quartz stores it (`'' ||` drops the JSON subtype).
        }
        Assert.Equal("written elsewhere", (await TasksAsync(api))["nightly"].Description);
        Assert.Contains(Link("nightly"), await PageAsync(dashboard, "/tasks?q=written+elsewhere"));

        Assert.Equal(0, (await workspace.CliAsync("tasks", "remove", "added")).ExitCode);
        Assert.False((await TasksAsync(api)).ContainsKey("added"));
        Assert.Equal(1, await StatusCountAsync(api, "tasks"));
        Assert.DoesNotContain(Link("added"), await PageAsync(dashboard, "/tasks"));
        SqliteConnection.ClearAllPools();
    }

    private static string Jobs(string description) =>
        new JobsJsonBuilder()
            .Group("main", isMain: true)
            .Group("work")
            .ShellTask("nightly", "work", "true", new { cron = "0 3 * * *", description })
            .ToString();

    private static string Link(string taskId) => $"href=\"/tasks/{taskId}\"";

    private static async Task<string> PageAsync(DashboardHttp dashboard, string path) =>
        await dashboard.Client.GetStringAsync(path, TestContext.Current.CancellationToken);

    private static async Task<Dictionary<string, Listed>> TasksAsync(HttpClient api)
    {
        var tasks = await api.GetFromJsonAsync<List<Listed>>(
            "/api/tasks",
            new JsonSerializerOptions(JsonSerializerDefaults.Web),
            TestContext.Current.CancellationToken
        );
        return tasks!.ToDictionary(t => t.Id);
    }

    private static async Task<int> StatusCountAsync(HttpClient api, string name)
    {
        using var status = JsonDocument.Parse(
            await api.GetStringAsync("/api/status", TestContext.Current.CancellationToken)
        );
        return status.RootElement.GetProperty(name).GetInt32();
    }

    private sealed record Listed(string Id, string State, string? Description);
}
