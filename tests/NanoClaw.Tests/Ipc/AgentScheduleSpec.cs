using System.Text.Json.Nodes;
using NanoClaw.Runs;
using NanoClaw.Tests.Container;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Ipc;

/// <summary>An agent run schedules a task through its own IPC folder, and the task then fires: host (sandboxed) and container.</summary>
public sealed class AgentScheduleSpec
{
    // What an agent does: write the request under another name, rename it, wait for the answer.
    private const string Asker = """
        ipc="$NANOCLAW_IPC_DIR"
        printf '%s' '{"id":"ask-1","action":"schedule_task","task":{"id":"child","interval":"00:05:00","command":["sh","-c","echo child-ran"]}}' > "$ipc/requests/.ask-1.tmp"
        mv "$ipc/requests/.ask-1.tmp" "$ipc/requests/ask-1.json"
        i=0
        while [ ! -e "$ipc/responses/ask-1.json" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done
        echo "ipc=$ipc"
        cat "$ipc/responses/ask-1.json"
        """;

    [Fact(Timeout = 120_000)]
    public async Task A_sandboxed_host_agent_schedules_a_task_through_its_ipc_folder_and_the_task_fires()
    {
        RequireTool.OnPath("bwrap", "apt-get install bubblewrap");
        using var workspace = new Workspace(settings =>
            settings["Host"] = new JsonObject { ["Sandbox"] = true }
        );
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("main", isMain: true)
                .Group("ops")
                .ShellTask("asker", "ops", Asker)
                .ToString()
        );
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();

        await AssertAgentSchedulesAsync(
            workspace,
            daemon,
            expectedIpcDir: workspace.Combine("data", "ipc", "ops")
        );
    }

    [Fact(Timeout = 150_000)]
    public async Task A_container_agent_schedules_a_task_through_its_mounted_ipc_folder_and_the_task_fires()
    {
        Podman.Require();
        using var workspace = ContainerWorkspace.Create();
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("main", isMain: true, mode: "host")
                .Group("box", mode: "container")
                .ShellTask("asker", "box", Asker)
                .ToString()
        );
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();

        await AssertAgentSchedulesAsync(workspace, daemon, expectedIpcDir: "/workspace/ipc");
        Assert.Empty(Podman.Containers("nanoclaw-box-"));
    }

    private static async Task AssertAgentSchedulesAsync(
        Workspace workspace,
        DaemonProcess daemon,
        string expectedIpcDir
    )
    {
        var trigger = await workspace.CliAsync("trigger", "asker", "--wait");
        Assert.True(trigger.ExitCode == 0, trigger + daemon.Output);
        var asker = Assert.Single(await workspace.RunsAsync("asker"));
        Assert.Contains($"ipc={expectedIpcDir}", asker.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"id\":\"ask-1\",\"ok\":true", asker.Stdout, StringComparison.Ordinal);

        // The interval starts now: the new task fires at once, in the asking agent's group and mode.
        var child = await workspace.WaitForRunsAsync(
            "child",
            1,
            TimeSpan.FromSeconds(40),
            r => r.Status == RunStatus.Succeeded
        );
        Assert.Contains("child-ran", child[0].Stdout, StringComparison.Ordinal);
        Assert.Equal(asker.Group, child[0].Group);
        Assert.Equal(asker.Mode, child[0].Mode);

        var listed = await AgentTasks.FindAsync(workspace, "child");
        Assert.NotNull(listed);
        Assert.Equal("agent", listed["source"]!.GetValue<string>());
        Assert.Equal(asker.Id, listed["createdBy"]!.GetValue<string>());
        var table = await workspace.CliAsync("tasks");
        Assert.Matches(@"child\s+\S+\s+agent\s", table.Stdout);
    }
}
