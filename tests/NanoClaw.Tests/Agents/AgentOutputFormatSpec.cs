using System.Text.Json;
using System.Text.Json.Nodes;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Agents;

/// <summary>A group's <c>outputFormat</c>: Claude Code's headless JSON, raw, and the reference agent's sentinel.</summary>
public sealed class AgentOutputFormatSpec
{
    // Prints what `claude -p PROMPT --output-format json` prints (one result object), keeping its stdin.
    private const string StandInClaude = """
        #!/bin/sh
        cat > "$NANOCLAW_GROUP_DIR/stdin-$NANOCLAW_RUN_ID.json"
        [ "$1" = "-p" ] || { echo "usage: claude -p PROMPT --output-format json" >&2; exit 2; }
        echo "working on it" >&2
        if [ "$2" = "fail" ]; then
          printf '{"type":"result","subtype":"error_during_execution","is_error":true,"result":"could not do it","session_id":"sess-err"}\n'
          exit 0
        fi
        printf '{"type":"result","subtype":"success","is_error":false,"duration_ms":12,"num_turns":1,"result":"echo: %s","session_id":"sess-123","total_cost_usd":0.01}\n' "$2"
        """;

    [Fact(Timeout = 120_000)]
    public async Task Claude_json_maps_result_session_and_is_error_onto_the_run()
    {
        using var workspace = new Workspace(settings =>
            settings["Host"] = new JsonObject
            {
                ["Sandbox"] = false,
                ["AgentCommand"] = new JsonArray(
                    "{workspace}/claude",
                    "-p",
                    "{prompt}",
                    "--output-format",
                    "json"
                ),
            }
        );
        var claude = workspace.WriteFile(
            "claude",
            StandInClaude.Replace("\r", "", StringComparison.Ordinal)
        );
        File.SetUnixFileMode(
            claude,
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        );
        workspace.RewriteSettings(s =>
            s.Replace("{workspace}", workspace.Path, StringComparison.Ordinal)
        );
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("main", isMain: true, extra: new { outputFormat = "claudeJson" })
                .PromptTask("ask", "main", "hello there", new { contextMode = "group" })
                .PromptTask("broken", "main", "fail")
                .ToString()
        );
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();

        var first = await RunAsync(workspace, "ask");
        var second = await RunAsync(workspace, "ask");
        var broken = await RunAsync(workspace, "broken");

        Assert.Equal("succeeded", first.GetProperty("status").GetString());
        Assert.Equal("echo: hello there", first.GetProperty("result").GetString());
        Assert.Equal("working on it\n", first.GetProperty("stderr").GetString());
        var firstStdin = await StdinOfAsync(workspace, first);
        var secondStdin = await StdinOfAsync(workspace, second);
        Assert.Equal("hello there", firstStdin.GetProperty("prompt").GetString());
        Assert.Equal(JsonValueKind.Null, firstStdin.GetProperty("sessionId").ValueKind);
        Assert.Equal("sess-123", secondStdin.GetProperty("sessionId").GetString());
        Assert.Equal("failed", broken.GetProperty("status").GetString());
        Assert.Equal(0, broken.GetProperty("exitCode").GetInt32());
        Assert.Equal("could not do it", broken.GetProperty("error").GetString());
    }

    [Fact(Timeout = 90_000)]
    public async Task Raw_output_is_kept_as_printed_without_parsing_and_the_reference_agent_speaks_sentinel()
    {
        using var workspace = new Workspace();
        const string Block =
            "echo '---NANOCLAW_OUTPUT_START---'; echo '{\"status\":\"error\",\"result\":1}'; echo '---NANOCLAW_OUTPUT_END---'";
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("main", isMain: true)
                .Group("plain", extra: new { outputFormat = "raw" })
                .ShellTask("raw", "plain", Block)
                .ShellTask("sentinel", "main", Block)
                .PromptTask("agent", "main", "say hi")
                .ToString()
        );
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();

        var raw = await RunAsync(workspace, "raw");
        var sentinel = await RunAsync(workspace, "sentinel");
        var agent = await RunAsync(workspace, "agent");

        Assert.Equal("succeeded", raw.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, raw.GetProperty("result").ValueKind);
        Assert.Contains(
            "---NANOCLAW_OUTPUT_START---",
            raw.GetProperty("stdout").GetString(),
            StringComparison.Ordinal
        );
        Assert.Equal("failed", sentinel.GetProperty("status").GetString());
        Assert.Equal(1, sentinel.GetProperty("result").GetInt32());
        Assert.Equal("succeeded", agent.GetProperty("status").GetString());
        Assert.Contains(
            "say hi",
            agent.GetProperty("result").GetRawText(),
            StringComparison.Ordinal
        );
    }

    private static async Task<JsonElement> RunAsync(Workspace workspace, string task)
    {
        var result = await workspace.CliAsync("trigger", task, "--wait", "--json");
        Assert.True(result.ExitCode is 0 or 1, result.Stderr);
        return JsonDocument.Parse(result.Stdout).RootElement.Clone();
    }

    private static async Task<JsonElement> StdinOfAsync(Workspace workspace, JsonElement run)
    {
        var path = workspace.Combine(
            "groups",
            "main",
            $"stdin-{run.GetProperty("id").GetString()}.json"
        );
        return JsonDocument
            .Parse(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken))
            .RootElement.Clone();
    }
}
