using System.Diagnostics;
using System.Text.Json.Nodes;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Mcp;

/// <summary>
/// <c>nanoclaw mcp</c> driven by the SDK's own MCP client over stdio, the real executable started as
/// a process, with a responder in the test playing the daemon's side of the IPC folder.
/// </summary>
public sealed class McpServerSpec : IDisposable
{
    private static readonly string[] Tools =
    [
        "cancel_task",
        "list_tasks",
        "pause_task",
        "resume_task",
        "schedule_task",
        "update_task",
    ];

    private readonly TempDir _dir = new();
    private readonly List<string> _stderr = [];

    private string IpcDir => _dir.Combine("ipc");

    private async Task<McpClient> ConnectAsync(string timeout = "00:00:20")
    {
        Directory.CreateDirectory(IpcDir);
        var transport = new StdioClientTransport(
            new StdioClientTransportOptions
            {
                Name = "nanoclaw",
                Command = DaemonProcess.ExecutablePath,
                Arguments = ["mcp", "--timeout", timeout],
                WorkingDirectory = _dir.Path,
                EnvironmentVariables = new Dictionary<string, string?>
                {
                    ["NANOCLAW_IPC_DIR"] = IpcDir,
                },
                StandardErrorLines = line =>
                {
                    lock (_stderr)
                        _stderr.Add(line);
                },
            }
        );
        using var cts = Timeout(30);
        return await McpClient.CreateAsync(transport, cancellationToken: cts.Token);
    }

    private static CancellationTokenSource Timeout(int seconds)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(
            TestContext.Current.CancellationToken
        );
        cts.CancelAfter(TimeSpan.FromSeconds(seconds));
        return cts;
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

    private static string TextOf(CallToolResult result) =>
        string.Concat(result.Content.OfType<TextContentBlock>().Select(b => b.Text));

    private static JsonObject Ok(JsonObject extra)
    {
        extra["ok"] = true;
        return extra;
    }

    [Fact]
    public async Task The_server_lists_the_six_scheduling_tools_with_a_task_schema_an_agent_can_read()
    {
        await using var client = await ConnectAsync();
        using var cts = Timeout(30);

        var tools = await client.ListToolsAsync(cancellationToken: cts.Token);

        Assert.Equal(Tools, tools.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.All(tools, t => Assert.False(string.IsNullOrWhiteSpace(t.Description)));
        var schedule = tools.Single(t => t.Name == "schedule_task");
        Assert.Contains("Agents:MaxTasksPerGroup", schedule.Description, StringComparison.Ordinal);
        Assert.Contains("Agents:MinInterval", schedule.Description, StringComparison.Ordinal);
        var schema = schedule.JsonSchema.GetRawText();
        foreach (
            var field in new[]
            {
                "\"cron\"",
                "\"interval\"",
                "\"once\"",
                "\"timeZone\"",
                "\"prompt\"",
                "\"command\"",
                "\"gate\"",
            }
        )
            Assert.Contains(field, schema, StringComparison.Ordinal);
        var required = schedule
            .JsonSchema.GetProperty("required")
            .EnumerateArray()
            .Select(e => e.GetString());
        Assert.Contains("task", required);
        Assert.DoesNotContain("group", required);
    }

    [Fact]
    public async Task Schedule_task_writes_one_request_with_only_the_given_fields_and_returns_the_answer()
    {
        await using var responder = new IpcResponder(
            IpcDir,
            request => Ok(new JsonObject { ["task"] = request["task"]!.DeepClone() })
        );
        await using var client = await ConnectAsync();

        var result = await CallAsync(
            client,
            "schedule_task",
            new()
            {
                ["task"] = new Dictionary<string, object?>
                {
                    ["id"] = "inbox-digest",
                    ["cron"] = "0 9 * * 1-5",
                    ["timeZone"] = "Europe/Berlin",
                    ["prompt"] = "Summarise my inbox",
                },
            }
        );

        Assert.NotEqual(true, result.IsError);
        var request = Assert.Single(responder.Requests);
        Assert.Equal("schedule_task", (string?)request["action"]);
        Assert.Matches("^[A-Za-z0-9_-]{1,64}$", (string?)request["id"]);
        Assert.False(request.ContainsKey("group"));
        Assert.Equal(
            """{"id":"inbox-digest","cron":"0 9 * * 1-5","timeZone":"Europe/Berlin","prompt":"Summarise my inbox"}""",
            request["task"]!.ToJsonString()
        );
        var answer = JsonNode.Parse(TextOf(result))!;
        Assert.Equal(true, (bool?)answer["ok"]);
        Assert.Equal("inbox-digest", (string?)answer["task"]!["id"]);
        // The answer was collected and the request removed: nothing is left behind in the folder.
        Assert.Empty(Directory.GetFiles(Path.Combine(IpcDir, "responses")));
        Assert.Empty(Directory.GetFiles(Path.Combine(IpcDir, "requests")));
    }

    [Fact]
    public async Task Every_tool_sends_its_own_action_with_its_fields()
    {
        await using var responder = new IpcResponder(
            IpcDir,
            _ => Ok(new JsonObject { ["tasks"] = new JsonArray() })
        );
        await using var client = await ConnectAsync();

        var calls = new (string Tool, Dictionary<string, object?> Arguments, string Expected)[]
        {
            ("list_tasks", new(), "{}"),
            ("list_tasks", new() { ["group"] = "ops" }, """{"group":"ops"}"""),
            (
                "schedule_task",
                new()
                {
                    ["task"] = new Dictionary<string, object?>
                    {
                        ["id"] = "t",
                        ["interval"] = "01:00:00",
                        ["command"] = new[] { "sh", "-c", "date" },
                    },
                    ["group"] = "ops",
                },
                """{"task":{"id":"t","interval":"01:00:00","command":["sh","-c","date"]},"group":"ops"}"""
            ),
            (
                "update_task",
                new()
                {
                    ["taskId"] = "t",
                    ["task"] = new Dictionary<string, object?> { ["cron"] = "0 8 * * *" },
                },
                """{"taskId":"t","task":{"cron":"0 8 * * *"}}"""
            ),
            ("pause_task", new() { ["taskId"] = "t" }, """{"taskId":"t"}"""),
            ("resume_task", new() { ["taskId"] = "t" }, """{"taskId":"t"}"""),
            ("cancel_task", new() { ["taskId"] = "t" }, """{"taskId":"t"}"""),
        };
        foreach (var (tool, arguments, _) in calls)
            Assert.NotEqual(true, (await CallAsync(client, tool, arguments)).IsError);

        var requests = responder.Requests.ToList();
        Assert.Equal(calls.Length, requests.Count);
        for (var i = 0; i < calls.Length; i++)
        {
            var fields = (JsonObject)requests[i].DeepClone();
            Assert.Equal(calls[i].Tool, (string?)fields["action"]);
            fields.Remove("id");
            fields.Remove("action");
            Assert.Equal(calls[i].Expected, fields.ToJsonString());
        }
        Assert.Equal(calls.Length, requests.Select(r => (string?)r["id"]).Distinct().Count());
    }

    [Fact]
    public async Task A_misspelt_task_field_is_sent_to_the_daemon_to_refuse_instead_of_being_dropped()
    {
        await using var responder = new IpcResponder(
            IpcDir,
            _ => new JsonObject
            {
                ["ok"] = false,
                ["error"] = "task 'x': unknown property 'crom' (did you mean 'cron'?)",
            }
        );
        await using var client = await ConnectAsync();

        var result = await CallAsync(
            client,
            "schedule_task",
            new()
            {
                ["task"] = new Dictionary<string, object?>
                {
                    ["id"] = "x",
                    ["crom"] = "0 9 * * *",
                    ["prompt"] = "p",
                },
            }
        );

        Assert.Equal("0 9 * * *", (string?)Assert.Single(responder.Requests)["task"]!["crom"]);
        Assert.True(result.IsError);
        Assert.Contains("unknown property 'crom'", TextOf(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refusal_from_the_daemon_is_a_tool_error_with_its_reason()
    {
        const string Reason =
            "group 'ops' has 25 agent-created tasks, the most Agents:MaxTasksPerGroup allows";
        await using var responder = new IpcResponder(
            IpcDir,
            _ => new JsonObject { ["ok"] = false, ["error"] = Reason }
        );
        await using var client = await ConnectAsync();

        var result = await CallAsync(client, "pause_task", new() { ["taskId"] = "t" });

        Assert.True(result.IsError);
        Assert.Contains(Reason, TextOf(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_that_is_not_json_is_a_tool_error_that_says_so()
    {
        await using var responder = new IpcResponder(IpcDir, _ => null, rawAnswer: "{\"ok\": tru");
        await using var client = await ConnectAsync();

        var result = await CallAsync(client, "list_tasks", new());

        Assert.True(result.IsError);
        Assert.Contains("not valid JSON", TextOf(result), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.Combine(IpcDir, "responses")));
    }

    [Fact]
    public async Task When_nobody_answers_the_call_fails_at_its_timeout_and_the_request_stays_for_the_daemon()
    {
        await using var client = await ConnectAsync(timeout: "00:00:02");
        var clock = Stopwatch.StartNew();

        var result = await CallAsync(client, "cancel_task", new() { ["taskId"] = "t" });

        Assert.True(result.IsError);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1.9), TimeSpan.FromSeconds(30));
        Assert.Contains("did not answer", TextOf(result), StringComparison.Ordinal);
        Assert.Contains("within 2 s", TextOf(result), StringComparison.Ordinal);
        // The request is whole and named *.json: a daemon started later carries it out.
        var left = Assert.Single(Directory.GetFiles(Path.Combine(IpcDir, "requests")));
        Assert.EndsWith(".json", left, StringComparison.Ordinal);
        var request = JsonNode.Parse(
            await File.ReadAllTextAsync(left, TestContext.Current.CancellationToken)
        )!;
        Assert.Equal("cancel_task", (string?)request["action"]);
        Assert.Equal($"{(string?)request["id"]}.json", Path.GetFileName(left));
    }

    [Fact]
    public async Task Without_NANOCLAW_IPC_DIR_the_server_does_not_start_and_says_why()
    {
        var run = await CliRun.ExecAsync(
            _dir.Path,
            ["mcp"],
            new Dictionary<string, string> { ["NANOCLAW_IPC_DIR"] = "" },
            TimeSpan.FromSeconds(30)
        );

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("NANOCLAW_IPC_DIR is not set", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("inside a NanoClaw run", run.Stderr, StringComparison.Ordinal);
        // stdout is the protocol: nothing else may ever be printed there.
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public async Task A_NANOCLAW_IPC_DIR_that_is_not_a_folder_is_refused_by_name()
    {
        var run = await CliRun.ExecAsync(
            _dir.Path,
            ["mcp"],
            new Dictionary<string, string> { ["NANOCLAW_IPC_DIR"] = _dir.Combine("missing") },
            TimeSpan.FromSeconds(30)
        );

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(_dir.Combine("missing"), run.Stderr, StringComparison.Ordinal);
        Assert.Contains("not a folder", run.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();
}
