using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using NanoClaw.Tests.Ipc;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Mcp;

/// <summary>
/// The whole loop: the SDK's MCP client drives the real <c>nanoclaw mcp</c>, which speaks the IPC
/// protocol to the real daemon through a group's IPC folder, as an agent in that group would.
/// </summary>
public sealed class McpEndToEndSpec
{
    private static readonly string[] Hello = ["sh", "-c", "echo hello"];

    [Fact(Timeout = 150_000)]
    public async Task An_mcp_client_schedules_lists_pauses_and_cancels_a_task_through_the_real_daemon()
    {
        using var workspace = new Workspace();
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("main", isMain: true)
                .Group("ops")
                .ShellTask("prime", "ops", "true")
                .ToString()
        );
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();
        // A group's IPC folder is made by its first run.
        var prime = await workspace.CliAsync("trigger", "prime", "--wait");
        Assert.True(prime.ExitCode == 0, prime + daemon.Output);

        await using var client = await ConnectAsync(
            workspace,
            workspace.Combine("data", "ipc", "ops")
        );

        var scheduled = await CallAsync(
            client,
            "schedule_task",
            new()
            {
                ["task"] = new Dictionary<string, object?>
                {
                    ["id"] = "hello",
                    ["interval"] = "00:10:00",
                    ["command"] = Hello,
                },
            }
        );
        Assert.True(scheduled.IsError != true, TextOf(scheduled) + daemon.Output);
        var task = await AgentTasks.FindAsync(workspace, "hello");
        Assert.NotNull(task);
        Assert.Equal("agent", (string?)task["source"]);
        Assert.Equal("ops", (string?)task["group"]);

        var listed = await CallAsync(client, "list_tasks", new());
        Assert.True(listed.IsError != true, TextOf(listed));
        Assert.Contains("\"hello\"", TextOf(listed), StringComparison.Ordinal);

        var paused = await CallAsync(client, "pause_task", new() { ["taskId"] = "hello" });
        Assert.True(paused.IsError != true, TextOf(paused));
        Assert.StartsWith(
            "paused",
            (string?)(await AgentTasks.FindAsync(workspace, "hello"))!["state"],
            StringComparison.Ordinal
        );

        // The jobs file's task is the file's: the daemon refuses, and the refusal is a tool error.
        var touched = await CallAsync(client, "pause_task", new() { ["taskId"] = "prime" });
        Assert.True(touched.IsError);
        Assert.Contains("NanoClaw refused", TextOf(touched), StringComparison.Ordinal);
        Assert.Equal("normal", (string?)(await AgentTasks.FindAsync(workspace, "prime"))!["state"]);

        var cancelled = await CallAsync(client, "cancel_task", new() { ["taskId"] = "hello" });
        Assert.True(cancelled.IsError != true, TextOf(cancelled));
        Assert.Null(await AgentTasks.FindAsync(workspace, "hello"));
    }

    private static async Task<McpClient> ConnectAsync(Workspace workspace, string ipcDir)
    {
        var transport = new StdioClientTransport(
            new StdioClientTransportOptions
            {
                Name = "nanoclaw",
                Command = DaemonProcess.ExecutablePath,
                Arguments = ["mcp", "--timeout", "00:00:30"],
                WorkingDirectory = workspace.Path,
                EnvironmentVariables = new Dictionary<string, string?>
                {
                    ["NANOCLAW_IPC_DIR"] = ipcDir,
                },
            }
        );
        using var cts = Timeout(30);
        return await McpClient.CreateAsync(transport, cancellationToken: cts.Token);
    }

    private static async Task<CallToolResult> CallAsync(
        McpClient client,
        string tool,
        Dictionary<string, object?> arguments
    )
    {
        using var cts = Timeout(40);
        return await client.CallToolAsync(tool, arguments, cancellationToken: cts.Token);
    }

    private static CancellationTokenSource Timeout(int seconds)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(
            TestContext.Current.CancellationToken
        );
        cts.CancelAfter(TimeSpan.FromSeconds(seconds));
        return cts;
    }

    private static string TextOf(CallToolResult result) =>
        string.Concat(result.Content.OfType<TextContentBlock>().Select(b => b.Text));
}
