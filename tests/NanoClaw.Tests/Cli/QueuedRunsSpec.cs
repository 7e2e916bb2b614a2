using System.Text.Json;
using Microsoft.Data.Sqlite;
using NanoClaw.Runs;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Cli;

/// <summary>
/// The id <c>exec</c> and <c>trigger</c> print names a run before it starts: <c>runs</c>, <c>run</c>
/// and <c>logs --follow</c> find it <c>queued</c>, and no queued record is left behind forever.
/// </summary>
public sealed class QueuedRunsSpec
{
    [Fact(Timeout = 120_000)]
    public async Task A_run_queued_behind_another_is_queued_in_runs_and_run_and_logs_follow_waits_for_it()
    {
        using var workspace = MainWorkspace();
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();
        var blocker = await ExecAsync(workspace, BlockUntil(workspace.Combine("release")));
        var queued = await ExecAsync(workspace, "echo queued run speaking");

        var list = await workspace.CliAsync("runs", "--status", "queued", "--json");
        var one = await workspace.CliAsync("run", queued, "--json");
        var follow = workspace.CliAsync("logs", queued, "--follow");
        await Task.Delay(1500, TestContext.Current.CancellationToken);
        var followerWaited = !follow.IsCompleted;
        workspace.WriteFile("release", "");
        var followed = await follow;

        Assert.Equal(0, list.ExitCode);
        var listed = JsonDocument.Parse(list.Stdout).RootElement.EnumerateArray().ToList();
        Assert.Contains(listed, r => r.GetProperty("id").GetString() == queued);
        Assert.DoesNotContain(listed, r => r.GetProperty("id").GetString() == blocker);
        Assert.Equal(0, one.ExitCode);
        var record = JsonDocument.Parse(one.Stdout).RootElement;
        Assert.Equal("queued", record.GetProperty("status").GetString());
        Assert.Equal("manual", record.GetProperty("trigger").GetString());
        Assert.True(
            followerWaited,
            "logs --follow ended while the run was still queued: " + followed
        );
        Assert.Equal(0, followed.ExitCode);
        Assert.Contains("queued run speaking", followed.Stdout, StringComparison.Ordinal);
        var final = (await workspace.RunsAsync()).Single(r => r.Id == queued);
        Assert.Equal(RunStatus.Succeeded, final.Status);
        Assert.True(
            final.StartedAt
                >= (await workspace.RunsAsync()).Single(r => r.Id == blocker).FinishedAt,
            "the queued run's record must carry its real start once it has started"
        );
    }

    [Fact(Timeout = 120_000)]
    public async Task Cancel_drops_a_queued_run_which_is_recorded_cancelled_and_never_runs()
    {
        using var workspace = MainWorkspace();
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();
        var blocker = await ExecAsync(workspace, BlockUntil(workspace.Combine("release")));
        var marker = workspace.Combine("must-not-exist");
        var queued = await ExecAsync(workspace, $"touch {marker}");

        var cancel = await workspace.CliAsync("cancel", queued);
        var again = await workspace.CliAsync("cancel", queued);
        workspace.WriteFile("release", "");
        await Eventually.TrueAsync(
            async () =>
                (await workspace.RunsAsync()).Single(r => r.Id == blocker).Status
                == RunStatus.Succeeded,
            TimeSpan.FromSeconds(30),
            "the run ahead did not end"
        );
        await Task.Delay(2000, TestContext.Current.CancellationToken);

        Assert.Equal(0, cancel.ExitCode);
        Assert.Contains("dropped", cancel.Stdout, StringComparison.Ordinal);
        var record = (await workspace.RunsAsync()).Single(r => r.Id == queued);
        Assert.Equal(RunStatus.Cancelled, record.Status);
        Assert.False(File.Exists(marker), "a dropped run ran");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("cancelled", again.Stderr, StringComparison.Ordinal);
    }

    [Fact(Timeout = 180_000)]
    public async Task A_run_queued_when_the_daemon_was_killed_runs_under_its_own_id_after_restart()
    {
        using var workspace = MainWorkspace();
        var marker = workspace.Combine("queued-ran");
        string queued;
        await using (var daemon = workspace.StartDaemon())
        {
            await daemon.WaitUntilStartedAsync();
            await ExecAsync(workspace, "sleep 5");
            queued = await ExecAsync(workspace, $"touch {marker}");
            Assert.Equal(
                RunStatus.Queued,
                (await workspace.RunsAsync()).Single(r => r.Id == queued).Status
            );
            await daemon.CrashAsync();
        }
        // The run ahead was running: it is recorded interrupted and run again, before or after the queued one.
        await using var restarted = workspace.StartDaemon();
        await restarted.WaitUntilStartedAsync();

        await Eventually.TrueAsync(
            async () =>
                (await workspace.RunsAsync()).Single(r => r.Id == queued).Status
                == RunStatus.Succeeded,
            TimeSpan.FromSeconds(60),
            "the queued run did not run under its own id after the restart"
        );
        Assert.True(File.Exists(marker));
        Assert.DoesNotContain(await workspace.RunsAsync(), r => r.Status == RunStatus.Queued);
    }

    [Fact(Timeout = 180_000)]
    public async Task A_queued_record_whose_firing_was_lost_is_recorded_interrupted_at_the_next_start()
    {
        using var workspace = MainWorkspace();
        string queued;
        await using (var daemon = workspace.StartDaemon())
        {
            await daemon.WaitUntilStartedAsync();
            await ExecAsync(workspace, "sleep 30");
            queued = await ExecAsync(workspace, "true");
            await daemon.CrashAsync();
        }
        // As if the daemon had died between recording the run and scheduling its firing.
        await using (var connection = new SqliteConnection($"Data Source={workspace.DatabaseFile}"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var delete = connection.CreateCommand();
            delete.CommandText =
                "DELETE FROM QRTZ_SIMPLE_TRIGGERS WHERE TRIGGER_NAME = $name; DELETE FROM QRTZ_TRIGGERS WHERE TRIGGER_NAME = $name;";
            delete.Parameters.AddWithValue("$name", "manual:" + queued);
            Assert.Equal(
                2,
                await delete.ExecuteNonQueryAsync(TestContext.Current.CancellationToken)
            );
        }
        SqliteConnection.ClearAllPools();

        await using var restarted = workspace.StartDaemon();
        await restarted.WaitUntilStartedAsync();
        var shown = await workspace.CliAsync("run", queued, "--json");

        Assert.Equal(0, shown.ExitCode);
        var record = JsonDocument.Parse(shown.Stdout).RootElement;
        Assert.Equal("interrupted", record.GetProperty("status").GetString());
        Assert.Contains(
            "never started",
            record.GetProperty("error").GetString(),
            StringComparison.Ordinal
        );
    }

    /// <summary>A script that runs until <paramref name="file"/> exists: a run ahead the test ends when it wants.</summary>
    internal static string BlockUntil(string file) => $"while [ ! -e {file} ]; do sleep 0.1; done";

    internal static Workspace MainWorkspace()
    {
        var workspace = new Workspace();
        workspace.WriteJobs(new JobsJsonBuilder().Group("main", isMain: true).ToString());
        return workspace;
    }

    internal static async Task<string> ExecAsync(Workspace workspace, string script)
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
        Assert.True(exec.ExitCode == 0, exec.ToString());
        return JsonDocument.Parse(exec.Stdout).RootElement.GetProperty("runId").GetString()!;
    }
}
