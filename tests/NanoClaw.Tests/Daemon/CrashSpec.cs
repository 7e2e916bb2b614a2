using NanoClaw.Runs;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Daemon;

[Collection(AloneGroup.Name)]
public sealed class CrashSpec
{
    [Fact(Timeout = 120_000)]
    public async Task A_run_dies_with_a_killed_daemon_is_recorded_interrupted_and_recovery_runs_it_again()
    {
        using var workspace = new Workspace();
        var marks = workspace.Combine("marks");
        Directory.CreateDirectory(marks);
        // First attempt: a process tree (the shell and a background child) that would run for minutes.
        // The recovered attempt finds the mark and finishes at once.
        var script =
            $"if [ -f {marks}/attempt ]; then echo recovered; exit 0; fi; touch {marks}/attempt; {ProcessTable.BackgroundSleep(300, marks + "/child")} {ProcessTable.WriteHostPid} {marks}/shell; wait";
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("main", isMain: true)
                .ShellTask(
                    "long",
                    "main",
                    script,
                    new { once = JobsJsonBuilder.Instant(DateTimeOffset.UtcNow.AddSeconds(2)) }
                )
                .ToString()
        );

        await using (var daemon = workspace.StartDaemon())
        {
            await daemon.WaitUntilStartedAsync();
            await Eventually.FileWrittenAsync(
                Path.Combine(marks, "shell"),
                TimeSpan.FromSeconds(20)
            );
            await Eventually.FileWrittenAsync(
                Path.Combine(marks, "child"),
                TimeSpan.FromSeconds(5)
            );
            await daemon.CrashAsync();
        }

        var shell = ProcessTable.ReadPid(Path.Combine(marks, "shell"));
        var child = ProcessTable.ReadPid(Path.Combine(marks, "child"));
        // Generous only for a machine busy with other test classes; a survivor sleeps 300 s.
        await ProcessTable.WaitUntilGoneAsync(shell, TimeSpan.FromSeconds(20));
        await ProcessTable.WaitUntilGoneAsync(child, TimeSpan.FromSeconds(20));

        await using (var daemon = workspace.StartDaemon())
        {
            await daemon.WaitUntilStartedAsync();
            await workspace.WaitForRunsAsync(
                "long",
                2,
                TimeSpan.FromSeconds(20),
                r => r.Status is not (RunStatus.Running or RunStatus.Queued)
            );
            Assert.Equal(0, await daemon.TerminateAsync(TimeSpan.FromSeconds(30)));
        }

        var runs = await workspace.RunsAsync("long");
        Assert.Equal(2, runs.Count);
        var (recovered, interrupted) = (runs[0], runs[1]);
        Assert.Equal(RunStatus.Interrupted, interrupted.Status);
        Assert.Equal(RunTrigger.Schedule, interrupted.Trigger);
        Assert.Equal(RunStatus.Succeeded, recovered.Status);
        Assert.Equal(RunTrigger.Recovery, recovered.Trigger);
        Assert.Contains("recovered", recovered.Stdout, StringComparison.Ordinal);
    }
}
