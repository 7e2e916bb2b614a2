using NanoClaw.Runs;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Daemon;

public sealed class RestartSpec
{
    [Fact(Timeout = 90_000)]
    public async Task An_unchanged_task_keeps_its_schedule_across_a_restart()
    {
        // An hourly task fires when first scheduled; recreated on restart, it would fire again.
        using var workspace = new Workspace();
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("main", isMain: true)
                .ShellTask("hourly", "main", "echo tick", new { interval = "01:00:00" })
                .ToString()
        );

        await using (var daemon = workspace.StartDaemon())
        {
            await daemon.WaitUntilStartedAsync();
            await workspace.WaitForRunsAsync("hourly", 1, TimeSpan.FromSeconds(20));
            Assert.Equal(0, await daemon.TerminateAsync(TimeSpan.FromSeconds(30)));
        }
        await using (var daemon = workspace.StartDaemon())
        {
            await daemon.WaitUntilStartedAsync();
            await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
            Assert.Equal(0, await daemon.TerminateAsync(TimeSpan.FromSeconds(30)));
        }

        var runs = await workspace.RunsAsync("hourly");
        var run = Assert.Single(runs);
        Assert.Equal(RunStatus.Succeeded, run.Status);
    }

    [Theory(Timeout = 90_000)]
    [InlineData("runOnce", 1)]
    [InlineData("skip", 0)]
    public async Task A_once_task_that_came_due_while_the_daemon_was_down_follows_its_misfire_policy(
        string misfire,
        int expectedRuns
    )
    {
        using var workspace = new Workspace();
        // Room for a slow start and stop on a loaded machine: the first daemon must be gone before it is due.
        var dueAt = DateTimeOffset.UtcNow.AddSeconds(25);
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("main", isMain: true)
                .ShellTask(
                    "migrate",
                    "main",
                    "echo migrated",
                    new { once = JobsJsonBuilder.Instant(dueAt), misfire }
                )
                .ToString()
        );

        // Scheduled, then down across its time (and past the 1 s misfire threshold).
        await using (var daemon = workspace.StartDaemon())
        {
            await daemon.WaitUntilStartedAsync();
            Assert.Equal(0, await daemon.TerminateAsync(TimeSpan.FromSeconds(30)));
        }
        Assert.Empty(await workspace.RunsAsync("migrate"));
        var wait = dueAt.AddSeconds(3) - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
            await Task.Delay(wait, TestContext.Current.CancellationToken);

        // Two restarts: the firing runs at most once, however often the daemon comes back.
        for (var start = 0; start < 2; start++)
        {
            await using var daemon = workspace.StartDaemon();
            await daemon.WaitUntilStartedAsync();
            await Task.Delay(TimeSpan.FromSeconds(4), TestContext.Current.CancellationToken);
            Assert.Equal(0, await daemon.TerminateAsync(TimeSpan.FromSeconds(30)));
        }

        var runs = await workspace.RunsAsync("migrate");
        Assert.Equal(expectedRuns, runs.Count);
        Assert.All(runs, r => Assert.Equal(RunStatus.Succeeded, r.Status));
    }
}
