using NanoClaw.Runs;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Faults;

/// <summary><c>misfire: skip</c> holds when the daemon stalls after Quartz took a firing in time.</summary>
public sealed class StallSpec
{
    [Fact(Timeout = 120_000)]
    public async Task After_a_stall_a_skip_task_never_starts_a_firing_later_than_the_misfire_threshold()
    {
        // The workspace's MisfireThreshold is 1 s; the stall is several times that.
        using var workspace = new Workspace();
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("main", isMain: true)
                .ShellTask(
                    "every-2s",
                    "main",
                    "echo tick",
                    new { interval = "00:00:02", misfire = "skip" }
                )
                .ToString()
        );
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();
        await workspace.WaitForRunsAsync("every-2s", 2, TimeSpan.FromSeconds(20));

        await daemon.StallAsync(TimeSpan.FromSeconds(7));
        var afterStall = DateTimeOffset.UtcNow;
        await workspace.WaitForRunsAsync(
            "every-2s",
            1,
            TimeSpan.FromSeconds(20),
            r => r.StartedAt > afterStall
        );
        Assert.Equal(0, await daemon.TerminateAsync(TimeSpan.FromSeconds(30)));

        var runs = await workspace.RunsAsync("every-2s");
        var late = runs.Where(r => r.StartedAt - r.ScheduledAt > TimeSpan.FromSeconds(2)).ToList();
        Assert.True(
            late.Count == 0,
            "started late: "
                + string.Join(
                    ", ",
                    late.Select(r => $"{r.ScheduledAt:HH:mm:ss.fff}→{r.StartedAt:HH:mm:ss.fff}")
                )
        );
        Assert.All(runs, r => Assert.Equal(RunStatus.Succeeded, r.Status));
    }
}
