using System.Text.Json;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Cli;

/// <summary><c>groups</c>: each group's state, the run it is running and how many wait for it.</summary>
public sealed class GroupsSpec
{
    [Fact(Timeout = 120_000)]
    public async Task Groups_shows_the_running_run_and_the_queue_of_each_group()
    {
        using var workspace = new Workspace();
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("main", isMain: true)
                .Group("ops")
                .ShellTask("tick", "ops", "true")
                .ToString()
        );
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();
        var blocker = await QueuedRunsSpec.ExecAsync(
            workspace,
            QueuedRunsSpec.BlockUntil(workspace.Combine("release"))
        );
        await Eventually.TrueAsync(
            async () =>
                (await workspace.RunsAsync()).Single(r => r.Id == blocker).Status
                == NanoClaw.Runs.RunStatus.Running,
            TimeSpan.FromSeconds(30),
            "the run ahead did not start"
        );
        await QueuedRunsSpec.ExecAsync(workspace, "true");
        await QueuedRunsSpec.ExecAsync(workspace, "true");

        var json = await workspace.CliAsync("groups", "--json");
        var text = await workspace.CliAsync("groups");
        workspace.WriteFile("release", "");

        Assert.True(json.ExitCode == 0, json.ToString());
        var groups = JsonDocument
            .Parse(json.Stdout)
            .RootElement.EnumerateArray()
            .ToDictionary(g => g.GetProperty("name").GetString()!);
        Assert.Equal(blocker, groups["main"].GetProperty("running").GetProperty("id").GetString());
        Assert.Equal(2, groups["main"].GetProperty("queued").GetInt32());
        Assert.Equal(JsonValueKind.Null, groups["ops"].GetProperty("running").ValueKind);
        Assert.Equal(0, groups["ops"].GetProperty("queued").GetInt32());
        Assert.Equal(1, groups["ops"].GetProperty("tasks").GetInt32());
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("QUEUED", text.Stdout, StringComparison.Ordinal);
        Assert.Contains(blocker, text.Stdout, StringComparison.Ordinal);
    }
}
