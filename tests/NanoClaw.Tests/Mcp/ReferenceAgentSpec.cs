using System.Diagnostics;
using System.Text.Json.Nodes;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Mcp;

/// <summary>
/// The reference agent (<c>nanoclaw agent</c>) schedules a task through the IPC folder when its
/// prompt says <c>schedule: &lt;cron&gt; &lt;text&gt;</c>, and reports the daemon's answer.
/// </summary>
public sealed class ReferenceAgentSpec : IDisposable
{
    private readonly TempDir _dir = new();

    private string IpcDir => _dir.Combine("ipc");

    private async Task<(int ExitCode, JsonObject Output, string Stdout)> RunAgentAsync(
        string prompt
    )
    {
        var info = new ProcessStartInfo(DaemonProcess.ExecutablePath, ["agent"])
        {
            WorkingDirectory = _dir.Path,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["NANOCLAW_IPC_DIR"] = IpcDir;
        using var process = Process.Start(info)!;
        await process.StandardInput.WriteAsync(
            new JsonObject
            {
                ["taskId"] = "assistant",
                ["runId"] = "run-1",
                ["group"] = "ops",
                ["prompt"] = prompt,
                ["isMain"] = false,
                ["isScheduledTask"] = true,
                ["sessionId"] = null,
            }.ToJsonString()
        );
        process.StandardInput.Close();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(
            TestContext.Current.CancellationToken
        );
        cts.CancelAfter(TimeSpan.FromSeconds(60));
        var stdout = await process.StandardOutput.ReadToEndAsync(cts.Token);
        await process.WaitForExitAsync(cts.Token);
        var block = stdout
            .Split("---NANOCLAW_OUTPUT_START---")[1]
            .Split("---NANOCLAW_OUTPUT_END---")[0];
        return (process.ExitCode, (JsonObject)JsonNode.Parse(block)!, stdout);
    }

    [Fact(Timeout = 90_000)]
    public async Task A_schedule_prompt_sends_schedule_task_and_reports_the_stored_task_as_its_result()
    {
        Directory.CreateDirectory(IpcDir);
        await using var responder = new IpcResponder(
            IpcDir,
            request => new JsonObject { ["ok"] = true, ["task"] = request["task"]!.DeepClone() }
        );

        var (exitCode, output, stdout) = await RunAgentAsync(
            "schedule: 0 9 * * 1-5 Summarise my inbox"
        );

        Assert.Equal(0, exitCode);
        var request = Assert.Single(responder.Requests);
        Assert.Equal("schedule_task", (string?)request["action"]);
        Assert.False(request.ContainsKey("group"));
        var task = request["task"]!;
        Assert.Equal("0 9 * * 1-5", (string?)task["cron"]);
        Assert.Equal("Summarise my inbox", (string?)task["prompt"]);
        Assert.Matches("^[a-z0-9][a-z0-9_-]{0,63}$", (string?)task["id"]);
        Assert.Equal("success", (string?)output["status"]);
        Assert.Equal(true, (bool?)output["result"]!["ok"]);
        Assert.Equal((string?)task["id"], (string?)output["result"]!["task"]!["id"]);
        Assert.Contains($"scheduled task {(string?)task["id"]}", stdout, StringComparison.Ordinal);
    }

    [Fact(Timeout = 90_000)]
    public async Task A_refused_schedule_fails_the_run_with_the_daemons_reason()
    {
        Directory.CreateDirectory(IpcDir);
        await using var responder = new IpcResponder(
            IpcDir,
            _ => new JsonObject
            {
                ["ok"] = false,
                ["error"] =
                    "the task fires every 1 minute, more often than Agents:MinInterval (00:05:00) allows",
            }
        );

        var (exitCode, output, _) = await RunAgentAsync("schedule: * * * * * Ping");

        Assert.Equal(1, exitCode);
        Assert.Equal("error", (string?)output["status"]);
        Assert.Contains("Agents:MinInterval", (string?)output["error"], StringComparison.Ordinal);
    }

    [Fact(Timeout = 90_000)]
    public async Task An_ordinary_prompt_sends_no_request()
    {
        Directory.CreateDirectory(IpcDir);
        await using var responder = new IpcResponder(IpcDir, _ => new JsonObject { ["ok"] = true });

        var (exitCode, output, _) = await RunAgentAsync("schedule nothing, just say hello");

        Assert.Equal(0, exitCode);
        Assert.Equal(
            "Processed prompt: schedule nothing, just say hello",
            (string?)output["result"]
        );
        Assert.Empty(responder.Requests);
    }

    public void Dispose() => _dir.Dispose();
}
