using System.Text.Json;
using NanoClaw.Runs;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Cli;

/// <summary><c>cancel RUN_ID</c> and the run-id prefixes <c>run</c>, <c>logs</c> and <c>cancel</c> accept.</summary>
public sealed class CancelSpec
{
    [Fact(Timeout = 120_000)]
    public async Task Cancel_stops_a_running_run_by_a_prefix_of_its_id_and_refuses_a_finished_one_with_its_status()
    {
        using var workspace = QueuedRunsSpec.MainWorkspace();
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();
        var running = await QueuedRunsSpec.ExecAsync(workspace, "sleep 60");
        await Eventually.TrueAsync(
            async () =>
                (await workspace.RunsAsync()).Single(r => r.Id == running).Status
                == RunStatus.Running,
            TimeSpan.FromSeconds(30),
            "the run did not start"
        );

        var cancel = await workspace.CliAsync("cancel", running[..12]);
        var again = await workspace.CliAsync("cancel", running);

        Assert.True(cancel.ExitCode == 0, cancel.ToString());
        Assert.Contains($"Run {running} cancelled", cancel.Stdout, StringComparison.Ordinal);
        Assert.Equal(
            RunStatus.Cancelled,
            (await workspace.RunsAsync()).Single(r => r.Id == running).Status
        );
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already ended: cancelled", again.Stderr, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task Run_logs_and_cancel_take_an_unambiguous_prefix_and_list_the_candidates_of_an_ambiguous_one()
    {
        using var workspace = QueuedRunsSpec.MainWorkspace();
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();
        var first = await Wait(workspace, "echo first");
        var second = await Wait(workspace, "echo second");
        var shared = CommonPrefix(first, second);
        Assert.True(shared.Length >= 4, "two ids made a moment apart share their time prefix");

        var run = await workspace.CliAsync("run", second[..(shared.Length + 1)], "--json");
        var logs = await workspace.CliAsync("logs", first[..(shared.Length + 1)]);
        var ambiguousRun = await workspace.CliAsync("run", shared);
        var ambiguousCancel = await workspace.CliAsync("cancel", shared);
        var tooShort = await workspace.CliAsync("logs", first[..2]);
        var malformed = await workspace.CliAsync("cancel", "../etc/passwd");
        var malformedRun = await workspace.CliAsync("run", "x y");
        var unknown = await workspace.CliAsync("run", "ffffffffffff");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            second,
            JsonDocument.Parse(run.Stdout).RootElement.GetProperty("id").GetString()
        );
        Assert.True(logs.ExitCode == 0, logs.ToString());
        Assert.Equal("first\n", logs.Stdout);
        foreach (var ambiguous in new[] { ambiguousRun, ambiguousCancel })
        {
            Assert.Equal(2, ambiguous.ExitCode);
            Assert.Contains("matches several runs", ambiguous.Stderr, StringComparison.Ordinal);
            Assert.Contains(first, ambiguous.Stderr, StringComparison.Ordinal);
            Assert.Contains(second, ambiguous.Stderr, StringComparison.Ordinal);
        }
        Assert.Equal(2, tooShort.ExitCode);
        Assert.Contains("at least 4 characters", tooShort.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, malformed.ExitCode);
        Assert.Contains("is not a run id", malformed.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, malformedRun.ExitCode);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("No run 'ffffffffffff'", unknown.Stderr, StringComparison.Ordinal);
        // Nothing was cancelled by the ambiguous attempt.
        Assert.All(await workspace.RunsAsync(), r => Assert.Equal(RunStatus.Succeeded, r.Status));
    }

    [Fact(Timeout = 60_000)]
    public async Task Cancel_without_a_daemon_is_exit_3_naming_the_url_tried()
    {
        using var workspace = QueuedRunsSpec.MainWorkspace();

        var cancel = await workspace.CliAsync("cancel", "0192aaaabbbbcccc");

        Assert.Equal(3, cancel.ExitCode);
        Assert.Contains(workspace.AdminUrl, cancel.Stderr, StringComparison.Ordinal);
    }

    private static async Task<string> Wait(Workspace workspace, string script)
    {
        var exec = await workspace.CliAsync(
            "exec",
            "--group",
            "main",
            "--wait",
            "--json",
            "--",
            "sh",
            "-c",
            script
        );
        Assert.True(exec.ExitCode == 0, exec.ToString());
        return JsonDocument.Parse(exec.Stdout).RootElement.GetProperty("id").GetString()!;
    }

    private static string CommonPrefix(string a, string b)
    {
        var length = 0;
        while (length < a.Length && length < b.Length && a[length] == b[length])
            length++;
        return a[..length];
    }
}
