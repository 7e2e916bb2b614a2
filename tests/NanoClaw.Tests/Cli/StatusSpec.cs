using System.Text.Json;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Cli;

/// <summary><c>status</c>: the daemon at a glance, failing tasks first; exit 3 with the URL when it is down.</summary>
public sealed class StatusSpec
{
    [Fact(Timeout = 150_000)]
    public async Task Status_lists_failing_tasks_first_with_their_streak_and_counts_the_rest()
    {
        using var workspace = new Workspace();
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("main", isMain: true)
                .ShellTask("broken", "main", "echo nope >&2; exit 3")
                .ShellTask("healthy", "main", "true")
                .ShellTask("recovered", "main", "test -e fixed")
                .ToString()
        );
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();
        foreach (var task in new[] { "broken", "broken", "healthy", "recovered" })
            await workspace.CliAsync("trigger", task, "--wait");
        workspace.WriteFile("groups/main/fixed", "");
        Assert.Equal(0, (await workspace.CliAsync("trigger", "recovered", "--wait")).ExitCode);

        var json = await workspace.CliAsync("status", "--json");
        var text = await workspace.CliAsync("status");

        Assert.True(json.ExitCode == 0, json.ToString());
        var status = JsonDocument.Parse(json.Stdout).RootElement;
        Assert.True(status.GetProperty("up").GetBoolean());
        Assert.Equal(workspace.AdminUrl, status.GetProperty("url").GetString());
        Assert.Equal("test-node", status.GetProperty("node").GetString());
        Assert.Equal(3, status.GetProperty("tasks").GetInt32());
        Assert.Equal(0, status.GetProperty("runningRuns").GetInt32());
        Assert.Equal(0, status.GetProperty("queuedRuns").GetInt32());
        Assert.Equal("ok", status.GetProperty("store").GetProperty("health").GetString());
        Assert.InRange(status.GetProperty("uptimeSeconds").GetInt64(), 0, 3600);
        var failing = status.GetProperty("failingTasks").EnumerateArray().Single();
        Assert.Equal("broken", failing.GetProperty("taskId").GetString());
        Assert.Equal(2, failing.GetProperty("failures").GetInt32());
        Assert.Equal("failed", failing.GetProperty("status").GetString());
        Assert.Equal(
            2,
            status
                .GetProperty("lastFailures")
                .EnumerateArray()
                .Count(f => f.GetProperty("taskId").GetString() == "broken")
        );
        Assert.Contains(
            status.GetProperty("lastFailures").EnumerateArray(),
            f => f.GetProperty("taskId").GetString() == "recovered"
        );

        Assert.True(text.ExitCode == 0, text.ToString());
        var lines = text.Stdout.Split('\n');
        Assert.StartsWith(
            $"NanoClaw is up at {workspace.AdminUrl}",
            lines[0],
            StringComparison.Ordinal
        );
        var failingAt = Array.FindIndex(
            lines,
            l => l.StartsWith("Failing tasks (1)", StringComparison.Ordinal)
        );
        var uptimeAt = Array.FindIndex(
            lines,
            l => l.StartsWith("uptime:", StringComparison.Ordinal)
        );
        Assert.InRange(failingAt, 1, uptimeAt - 1);
        Assert.Contains(lines, l => l.StartsWith("broken ", StringComparison.Ordinal));
    }

    [Fact(Timeout = 60_000)]
    public async Task Status_without_a_daemon_says_so_with_the_url_tried_and_exits_3()
    {
        using var workspace = QueuedRunsSpec.MainWorkspace();

        var text = await workspace.CliAsync("status");
        var json = await workspace.CliAsync("status", "--json");

        Assert.Equal(3, text.ExitCode);
        Assert.Contains(
            $"could not be reached at {workspace.AdminUrl}",
            text.Stderr,
            StringComparison.Ordinal
        );
        Assert.Equal(3, json.ExitCode);
        var answer = JsonDocument.Parse(json.Stdout).RootElement;
        Assert.False(answer.GetProperty("up").GetBoolean());
        Assert.Equal(workspace.AdminUrl, answer.GetProperty("url").GetString());
    }
}
