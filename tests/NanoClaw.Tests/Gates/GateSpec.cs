using System.Text.Json.Nodes;
using NanoClaw.Runs;
using NanoClaw.Tests.Container;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Gates;

/// <summary>
/// Gate scripts through the real daemon: the gate runs first, in the run's own mode and
/// confinement, and decides whether the agent starts. The test agent leaves a marker file in its
/// group folder and echoes its stdin, so "not started" and "saw gateData" are both visible.
/// </summary>
public sealed class GateSpec
{
    private const string Marker = "agent-ran";
    private static readonly string[] TrueGate = ["true"];
    private static readonly string[] ScriptGate = ["./gate.sh"];

    private static Workspace HostWorkspace() =>
        new(nanoclaw =>
            nanoclaw["Host"] = new JsonObject
            {
                ["Sandbox"] = true,
                ["AgentCommand"] = new JsonArray("sh", "-c", $"touch {Marker}; cat; echo"),
            }
        );

    private static object Gate(string script, string? timeout = null) =>
        timeout is null
            ? new { interval = "01:00:00", gate = new[] { "sh", "-c", script } }
            : new
            {
                interval = "01:00:00",
                gate = new[] { "sh", "-c", script },
                gateTimeout = timeout,
            };

    private static async Task<RunRecord> FinishedRunAsync(Workspace workspace, string task) =>
        (
            await workspace.WaitForRunsAsync(
                task,
                1,
                TimeSpan.FromSeconds(60),
                r => r.Status is not (RunStatus.Running or RunStatus.Queued)
            )
        )[0];

    [Fact(Timeout = 120_000)]
    public async Task A_gate_that_says_false_records_the_run_skipped_with_its_output_and_never_starts_the_agent()
    {
        RequireTool.OnPath("bwrap", "apt-get install bubblewrap");
        using var workspace = HostWorkspace();
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("quiet")
                .PromptTask(
                    "inbox",
                    "quiet",
                    "Summarise new mail",
                    Gate(
                        """echo 'checked 12 folders'; echo '{"wake": false, "data": {"new": 0}}'"""
                    )
                )
                .ToString()
        );
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();

        var run = await FinishedRunAsync(workspace, "inbox");

        Assert.Equal(RunStatus.Skipped, run.Status);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("checked 12 folders", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"wake\": false", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("not to wake the agent", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(workspace.Combine("groups", "quiet", Marker)));
        // The record points at the gate's log, which holds what it printed.
        Assert.EndsWith(".gate.log", run.LogPath, StringComparison.Ordinal);
        var logs = await workspace.CliAsync("logs", run.Id);
        Assert.Contains("checked 12 folders", logs.Stdout, StringComparison.Ordinal);
        var listed = await workspace.CliAsync("runs", "--status", "skipped", "--json");
        Assert.Contains(run.Id, listed.Stdout, StringComparison.Ordinal);

        // A run triggered by hand goes through the gate too, and a skip is not a failure to wait for.
        var triggered = await workspace.CliAsync("trigger", "inbox", "--wait", "--json");
        Assert.True(triggered.ExitCode == 0, triggered.ToString());
        Assert.Equal("skipped", (string?)JsonNode.Parse(triggered.Stdout)!["status"]);
        Assert.False(File.Exists(workspace.Combine("groups", "quiet", Marker)));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_gate_that_says_true_runs_confined_like_its_run_and_the_agent_gets_its_data_as_gateData()
    {
        RequireTool.OnPath("bwrap", "apt-get install bubblewrap");
        using var workspace = HostWorkspace();
        // The gate reports what it could see: its stdin, its group, and whether the daemon's token
        // (outside the sandbox) was readable.
        const string Probe = """
            if grep -q '"taskId":"inbox"' -; then stdin=yes; else stdin=no; fi
            if cat ../../data/admin.token >/dev/null 2>&1; then token=yes; else token=no; fi
            echo "{\"wake\": true, \"data\": {\"new\": 3, \"stdin\": \"$stdin\", \"token\": \"$token\", \"group\": \"$NANOCLAW_GROUP\"}}"
            """;
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("busy")
                .PromptTask("inbox", "busy", "Summarise new mail", Gate(Probe))
                .ToString()
        );
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();

        var run = await FinishedRunAsync(workspace, "inbox");

        Assert.True(run.Status == RunStatus.Succeeded, $"{run.Status}: {run.Error}\n{run.Stderr}");
        Assert.True(File.Exists(workspace.Combine("groups", "busy", Marker)));
        var stdin = JsonNode.Parse(run.Stdout.Trim())!;
        Assert.Equal("inbox", (string?)stdin["taskId"]);
        Assert.Equal("Summarise new mail", (string?)stdin["prompt"]);
        Assert.Equal(
            """{"new":3,"stdin":"yes","token":"no","group":"busy"}""",
            stdin["gateData"]!.ToJsonString()
        );
        // The record is the agent's; the gate's output stays in its own log beside it.
        Assert.EndsWith($"{run.Id}.log", run.LogPath, StringComparison.Ordinal);
        Assert.DoesNotContain(".gate.", run.LogPath, StringComparison.Ordinal);
        Assert.Contains(
            "\"wake\": true",
            await File.ReadAllTextAsync(
                Path.ChangeExtension(run.LogPath!, ".gate.log"),
                TestContext.Current.CancellationToken
            ),
            StringComparison.Ordinal
        );
    }

    [Fact(Timeout = 120_000)]
    public async Task Following_a_gated_run_shows_the_gates_output_then_the_agents()
    {
        RequireTool.OnPath("bwrap", "apt-get install bubblewrap");
        using var workspace = HostWorkspace();
        // The gate holds until the test says so, so the follower is surely there while it runs.
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("busy")
                .PromptTask(
                    "inbox",
                    "busy",
                    "p",
                    Gate(
                        """echo gate-speaking; while [ ! -e go ]; do sleep 0.1; done; echo '{"wake": true, "data": "from-the-gate"}'"""
                    )
                )
                .ToString()
        );
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();
        var running = (await workspace.WaitForRunsAsync("inbox", 1, TimeSpan.FromSeconds(60)))[0];

        await using var follow = DaemonProcess.Start(
            workspace.Path,
            null,
            "logs",
            running.Id,
            "--follow"
        );
        await follow.WaitForOutputAsync("gate-speaking", TimeSpan.FromSeconds(40));
        await File.WriteAllTextAsync(
            workspace.Combine("groups", "busy", "go"),
            "",
            TestContext.Current.CancellationToken
        );

        await follow.WaitForOutputAsync("\"gateData\":\"from-the-gate\"", TimeSpan.FromSeconds(40));
        Assert.Equal(0, await follow.WaitForExitAsync(TimeSpan.FromSeconds(40)));
        var run = await FinishedRunAsync(workspace, "inbox");
        Assert.Equal(RunStatus.Succeeded, run.Status);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_gate_that_fails_prints_no_decision_or_times_out_fails_the_run_and_never_starts_the_agent()
    {
        RequireTool.OnPath("bwrap", "apt-get install bubblewrap");
        using var workspace = HostWorkspace();
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("broken")
                .Group("chatty")
                .Group("slow")
                .PromptTask("broken", "broken", "p", Gate("echo 'mailbox locked' >&2; exit 3"))
                .PromptTask("chatty", "chatty", "p", Gate("echo 'all good, wake up'"))
                .PromptTask("slow", "slow", "p", Gate("sleep 60", timeout: "00:00:01"))
                .ToString()
        );
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();

        var broken = await FinishedRunAsync(workspace, "broken");
        var chatty = await FinishedRunAsync(workspace, "chatty");
        var slow = await FinishedRunAsync(workspace, "slow");

        Assert.Equal(RunStatus.Failed, broken.Status);
        Assert.Equal(3, broken.ExitCode);
        Assert.StartsWith("gate: exit code 3", broken.Error, StringComparison.Ordinal);
        Assert.Contains("mailbox locked", broken.Stderr, StringComparison.Ordinal);

        Assert.Equal(RunStatus.Failed, chatty.Status);
        Assert.Contains("the gate printed no decision", chatty.Error, StringComparison.Ordinal);
        Assert.Contains("'all good, wake up'", chatty.Error, StringComparison.Ordinal);

        Assert.Equal(RunStatus.Failed, slow.Status);
        Assert.Contains("killed at its timeout of 00:00:01", slow.Error, StringComparison.Ordinal);
        Assert.InRange(slow.DurationMs!.Value, 900, 30_000);

        foreach (var group in new[] { "broken", "chatty", "slow" })
        {
            Assert.False(File.Exists(workspace.Combine("groups", group, Marker)), group);
            Assert.Contains(
                "the agent was not started",
                (await FinishedRunAsync(workspace, group)).Error,
                StringComparison.Ordinal
            );
        }
    }

    [Fact(Timeout = 180_000)]
    public async Task In_a_container_the_gate_runs_in_the_image_and_decides_whether_its_agent_starts()
    {
        Podman.Require();
        var image = AgentImage();
        using var workspace = ContainerWorkspace.Create(nanoclaw =>
            ((JsonObject)nanoclaw["Container"]!)["Image"] = image
        );
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("quiet", mode: "container")
                .Group("busy", mode: "container")
                .PromptTask(
                    "quiet",
                    "quiet",
                    "p",
                    Gate("""echo "mode=$NANOCLAW_MODE"; echo '{"wake": false}'""")
                )
                .PromptTask(
                    "busy",
                    "busy",
                    "p",
                    Gate(
                        """echo "{\"wake\": true, \"data\": {\"mode\": \"$NANOCLAW_MODE\", \"dir\": \"$(pwd)\"}}" """
                    )
                )
                .ToString()
        );
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();

        var quiet = await FinishedRunAsync(workspace, "quiet");
        var busy = await FinishedRunAsync(workspace, "busy");

        Assert.True(
            quiet.Status == RunStatus.Skipped,
            $"{quiet.Status}: {quiet.Error}\n{quiet.Stderr}"
        );
        Assert.Contains("mode=container", quiet.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(workspace.Combine("groups", "quiet", Marker)));
        Assert.True(
            busy.Status == RunStatus.Succeeded,
            $"{busy.Status}: {busy.Error}\n{busy.Stderr}"
        );
        Assert.True(File.Exists(workspace.Combine("groups", "busy", Marker)));
        Assert.Equal(
            """{"mode":"container","dir":"/workspace/group"}""",
            JsonNode.Parse(busy.Stdout.Trim())!["gateData"]!.ToJsonString()
        );
        Assert.Empty(Podman.Containers("nanoclaw-quiet-"));
        Assert.Empty(Podman.Containers("nanoclaw-busy-"));
    }

    [Fact(Timeout = 60_000)]
    public async Task The_jobs_file_check_refuses_a_gate_on_a_command_task_an_empty_gate_and_a_gateTimeout_alone()
    {
        using var workspace = new Workspace();
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("ops")
                .ShellTask("cmd", "ops", "true", new { gate = TrueGate })
                .PromptTask("empty", "ops", "p", new { gate = Array.Empty<string>() })
                .PromptTask("lonely", "ops", "p", new { gateTimeout = "00:00:05" })
                .PromptTask("short", "ops", "p", new { gate = TrueGate, gateTimeout = "00:00:00" })
                .PromptTask("fine", "ops", "p", new { gate = ScriptGate, gateTimeout = "00:00:05" })
                .ToString()
        );

        var result = await workspace.CliAsync("validate");

        Assert.Equal(2, result.ExitCode);
        var text = result.Stdout + result.Stderr;
        Assert.Contains(
            "task 'cmd': 'gate' applies only to prompt tasks",
            text,
            StringComparison.Ordinal
        );
        Assert.Contains(
            "task 'empty': 'gate' must be a non-empty array of strings",
            text,
            StringComparison.Ordinal
        );
        Assert.Contains(
            "task 'lonely': 'gateTimeout' applies only with a 'gate'",
            text,
            StringComparison.Ordinal
        );
        Assert.Contains(
            "task 'short': 'gateTimeout' must be at least 00:00:01",
            text,
            StringComparison.Ordinal
        );
        Assert.DoesNotContain("task 'fine'", text, StringComparison.Ordinal);
        Assert.Matches(@"jobs\.json:\d+:\d+: task 'cmd'", text);
    }

    /// <summary>The busybox test image with an entrypoint agent that leaves the marker and echoes its stdin.</summary>
    private static string AgentImage()
    {
        const string Image = "localhost/nanoclaw-gate-agent:test";
        if (Podman.Run("image", "exists", Image).ExitCode == 0)
            return Image;
        var (created, id) = Podman.Run("create", Podman.TestImage, "true");
        Assert.Equal(0, created);
        var (committed, _) = Podman.Run(
            "commit",
            "-q",
            "--change",
            $"ENTRYPOINT [\"sh\", \"-c\", \"touch {Marker}; cat; echo\"]",
            id.Trim(),
            Image
        );
        Podman.Run("rm", id.Trim());
        Assert.Equal(0, committed);
        return Image;
    }
}
