using System.Globalization;
using System.Text.Json;
using NanoClaw.Runs;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Admin;

public sealed class AdHocRunSpec
{
    [Fact(Timeout = 90_000)]
    public async Task Trigger_and_exec_with_wait_print_the_record_and_exit_by_its_status()
    {
        using var workspace = new Workspace();
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("main", isMain: true)
                .ShellTask("greet", "main", "echo hello from $NANOCLAW_TASK_ID")
                .ToString()
        );
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();

        var trigger = await workspace.CliAsync("trigger", "greet", "--wait", "--json");
        var exec = await workspace.CliAsync(
            "exec",
            "--group",
            "main",
            "--wait",
            "--json",
            "--",
            "sh",
            "-c",
            "echo oh no >&2; exit 7"
        );
        var unknown = await workspace.CliAsync("trigger", "nope", "--wait");

        Assert.Equal(0, trigger.ExitCode);
        var run = JsonDocument.Parse(trigger.Stdout).RootElement;
        Assert.Equal("succeeded", run.GetProperty("status").GetString());
        Assert.Equal("manual", run.GetProperty("trigger").GetString());
        Assert.Equal("greet", run.GetProperty("taskId").GetString());
        Assert.Equal("hello from greet\n", run.GetProperty("stdout").GetString());
        Assert.Equal(1, exec.ExitCode);
        var failed = JsonDocument.Parse(exec.Stdout).RootElement;
        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.Equal(7, failed.GetProperty("exitCode").GetInt32());
        Assert.Equal(JsonValueKind.Null, failed.GetProperty("taskId").ValueKind);
        Assert.Equal("oh no\n", failed.GetProperty("stderr").GetString());
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("no task 'nope'", unknown.Stderr, StringComparison.Ordinal);
    }

    [Fact(Timeout = 90_000)]
    public async Task A_manual_run_waits_for_the_groups_running_task()
    {
        using var workspace = new Workspace();
        var stamps = workspace.Combine("stamps");
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("main", isMain: true)
                .ShellTask(
                    "busy",
                    "main",
                    $"date +%s%N > {stamps}.busy-start; sleep 2; date +%s%N > {stamps}.busy-end"
                )
                .ShellTask("quick", "main", $"date +%s%N > {stamps}.quick-start")
                .ToString()
        );
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();

        var busy = await workspace.CliAsync("trigger", "busy");
        await Eventually.FileWrittenAsync(stamps + ".busy-start", TimeSpan.FromSeconds(10));
        var quick = await workspace.CliAsync("trigger", "quick", "--wait");

        Assert.Equal(0, busy.ExitCode);
        Assert.Equal(0, quick.ExitCode);
        Assert.True(
            Stamp(stamps + ".quick-start") >= Stamp(stamps + ".busy-end"),
            "the manual run started while the group was still running another task"
        );
    }

    [Fact(Timeout = 90_000)]
    public async Task Logs_follow_prints_lines_while_the_run_goes_on_and_ends_with_it()
    {
        using var workspace = new Workspace();
        workspace.WriteJobs(new JobsJsonBuilder().Group("main", isMain: true).ToString());
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();
        var gate = workspace.Combine("gate");

        // The run prints a line, then waits until the test has seen it: only a live follower passes.
        var exec = await workspace.CliAsync(
            "exec",
            "--group",
            "main",
            "--json",
            "--",
            "sh",
            "-c",
            $"echo first; while [ ! -f {gate} ]; do sleep 0.1; done; echo second >&2; echo third"
        );
        var runId = JsonDocument.Parse(exec.Stdout).RootElement.GetProperty("runId").GetString()!;
        var follower = DaemonProcess.Start(workspace.Path, null, "logs", runId, "--follow");
        await using (follower)
        {
            await follower.WaitForOutputAsync("first", TimeSpan.FromSeconds(20));
            Assert.False(follower.HasExited, "logs --follow ended while the run was still going");
            await File.WriteAllTextAsync(gate, "", TestContext.Current.CancellationToken);
            Assert.Equal(0, await follower.WaitForExitAsync(TimeSpan.FromSeconds(20)));
        }

        // stdout and stderr are separate pipes: lines after the gate may arrive in either order.
        var lines = follower.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("first", lines[0]);
        Assert.Equal(["[stderr] second", "first", "third"], lines.Order(StringComparer.Ordinal));
        var run = (await workspace.RunsAsync()).Single(r => r.Id == runId);
        Assert.Equal(RunStatus.Succeeded, run.Status);
    }

    [Fact(Timeout = 90_000)]
    public async Task An_admin_cancel_stops_a_running_run_and_drops_a_queued_one()
    {
        using var workspace = new Workspace();
        workspace.WriteJobs(new JobsJsonBuilder().Group("main", isMain: true).ToString());
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();
        var ct = TestContext.Current.CancellationToken;
        using var http = new HttpClient { BaseAddress = new Uri(workspace.AdminUrl) };
        var token = (
            await File.ReadAllTextAsync(Path.Combine(workspace.DataDir, "admin.token"), ct)
        ).Trim();
        http.DefaultRequestHeaders.Authorization =
            new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

        var running = await ExecIdAsync(workspace, "sleep 60");
        var queued = await ExecIdAsync(workspace, "echo never");
        await Eventually.TrueAsync(
            async () => (await workspace.RunsAsync()).Any(r => r.Id == running),
            TimeSpan.FromSeconds(20),
            "the run never started"
        );
        var stopRunning = await http.PostAsync($"/api/runs/{running}/cancel", NoBody(), ct);
        var dropQueued = await http.PostAsync($"/api/runs/{queued}/cancel", NoBody(), ct);
        await Eventually.TrueAsync(
            async () =>
                (await workspace.RunsAsync()).Single(r => r.Id == running).Status
                != RunStatus.Running,
            TimeSpan.FromSeconds(20),
            "the cancelled run never ended"
        );

        Assert.Equal(System.Net.HttpStatusCode.Accepted, stopRunning.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, dropQueued.StatusCode);
        var stopped = (await workspace.RunsAsync()).Single(r => r.Id == running);
        Assert.Equal(RunStatus.Cancelled, stopped.Status);
        Assert.True(stopped.DurationMs < 30_000);
        await Task.Delay(500, ct);
        // The dropped run never started: it is recorded cancelled, and cancelling it again is a conflict.
        var dropped = (await workspace.RunsAsync()).Single(r => r.Id == queued);
        Assert.Equal(RunStatus.Cancelled, dropped.Status);
        Assert.Equal("cancelled by an admin before it started", dropped.Error);
        Assert.Null(dropped.ExitCode);
        Assert.Equal(
            System.Net.HttpStatusCode.Conflict,
            (await http.PostAsync($"/api/runs/{queued}/cancel", NoBody(), ct)).StatusCode
        );
    }

    /// <summary>The API takes requests other than GET only with a JSON content type, body or not.</summary>
    private static StringContent NoBody() => new("", System.Text.Encoding.UTF8, "application/json");

    private static async Task<string> ExecIdAsync(Workspace workspace, string script)
    {
        var exec = await workspace.CliAsync(
            "exec",
            "--group",
            "main",
            "--json",
            "--",
            "sh",
            "-c",
            script
        );
        Assert.True(exec.ExitCode == 0, exec.Stderr);
        return JsonDocument.Parse(exec.Stdout).RootElement.GetProperty("runId").GetString()!;
    }

    private static long Stamp(string path) =>
        long.Parse(File.ReadAllText(path).Trim(), CultureInfo.InvariantCulture);
}
