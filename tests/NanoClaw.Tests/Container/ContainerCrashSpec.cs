using NanoClaw.Runs;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Container;

public sealed class ContainerCrashSpec
{
    [Fact(Timeout = 120_000)]
    public async Task A_killed_daemons_container_is_removed_before_its_recovered_run_starts()
    {
        Podman.Require();
        using var workspace = ContainerWorkspace.Create();
        // First attempt: a container that keeps touching a heartbeat file. The recovered attempt
        // finds the attempt mark and finishes at once.
        var script =
            "if [ -f attempt ]; then echo recovered; exit 0; fi; touch attempt; while :; do touch alive; sleep 1; done";
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("orphans", mode: "container")
                .ShellTask(
                    "long",
                    "orphans",
                    script,
                    new { once = JobsJsonBuilder.Instant(DateTimeOffset.UtcNow.AddSeconds(2)) }
                )
                .ToString()
        );
        var alive = workspace.Combine("groups", "orphans", "alive");

        await using (var daemon = workspace.StartDaemon())
        {
            await daemon.WaitUntilStartedAsync();
            await Eventually.TrueAsync(
                () => File.Exists(alive),
                TimeSpan.FromSeconds(30),
                "the container never started"
            );
            await daemon.CrashAsync();
        }
        // The daemon's death does not reach a container: its runtime keeps it running.
        var orphan = Assert.Single(Podman.Containers("nanoclaw-orphans-"));

        await using (var daemon = workspace.StartDaemon())
        {
            await daemon.WaitUntilStartedAsync();
            await workspace.WaitForRunsAsync(
                "long",
                2,
                TimeSpan.FromSeconds(30),
                r => r.Status is not (RunStatus.Running or RunStatus.Queued)
            );
            Assert.Contains("left by a previous daemon", daemon.Output, StringComparison.Ordinal);
            Assert.Equal(0, await daemon.TerminateAsync(TimeSpan.FromSeconds(30)));
        }

        Assert.DoesNotContain(orphan, Podman.Containers("nanoclaw-orphans-"));
        var runs = await workspace.RunsAsync("long");
        var (recovered, interrupted) = (runs[0], runs[1]);
        Assert.Equal(RunStatus.Interrupted, interrupted.Status);
        Assert.Equal(RunStatus.Succeeded, recovered.Status);
        Assert.Equal(RunTrigger.Recovery, recovered.Trigger);
        Assert.Contains("recovered", recovered.Stdout, StringComparison.Ordinal);
        // The orphan's last heartbeat came before the recovered run started: they never overlapped.
        Assert.True(
            File.GetLastWriteTimeUtc(alive) < recovered.StartedAt.UtcDateTime,
            $"the orphan still ran at {File.GetLastWriteTimeUtc(alive):O}, after the recovered run started at {recovered.StartedAt:O}"
        );
    }
}
