using NanoClaw.Jobs;
using NanoClaw.Runs;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Container;

public sealed class ContainerDaemonSpec
{
    [Fact(Timeout = 90_000)]
    public async Task A_container_run_sees_the_protocol_its_group_folder_and_nothing_of_the_daemons_environment()
    {
        Podman.Require();
        using var workspace = ContainerWorkspace.Create();
        workspace.WriteFile("groups/box/input.txt", "from-the-host");
        workspace.WriteFile("groups/global/shared.txt", "global-file");
        // Both tasks fire at once and hold a marker in the group folder while they run: a second
        // run finding the marker would mean two runs of one group overlapped.
        var at = new { once = JobsJsonBuilder.Instant(DateTimeOffset.UtcNow.AddSeconds(2)) };
        var hold =
            "if [ -e busy ]; then echo overlap >> overlaps; fi; touch busy; sleep 1; rm busy; ";
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("box", mode: "container")
                .ShellTask(
                    "probe",
                    "box",
                    hold
                        + "cat; echo; echo \"mode=$NANOCLAW_MODE dir=$NANOCLAW_GROUP_DIR global=$NANOCLAW_GLOBAL_DIR ipc=$NANOCLAW_IPC_DIR pwd=$(pwd)\"; "
                        + "echo \"canary=${NANOCLAW_TEST_CANARY:-absent}\"; cat input.txt; echo; cat $NANOCLAW_GLOBAL_DIR/shared.txt; echo; "
                        + "echo written > from-container.txt; exit 3",
                    at
                )
                .ShellTask("other", "box", hold + "echo other-ran", at)
                .ToString()
        );

        await using (
            var daemon = workspace.StartDaemon(
                new Dictionary<string, string> { ["NANOCLAW_TEST_CANARY"] = "leaked" }
            )
        )
        {
            await daemon.WaitUntilStartedAsync();
            await workspace.WaitForRunsAsync(
                "probe",
                1,
                TimeSpan.FromSeconds(40),
                r => r.Status is not (RunStatus.Running or RunStatus.Queued)
            );
            await workspace.WaitForRunsAsync(
                "other",
                1,
                TimeSpan.FromSeconds(40),
                r => r.Status is not (RunStatus.Running or RunStatus.Queued)
            );
            Assert.Equal(0, await daemon.TerminateAsync(TimeSpan.FromSeconds(30)));
        }

        var probe = Assert.Single(await workspace.RunsAsync("probe"));
        Assert.Equal(ExecutionMode.Container, probe.Mode);
        Assert.Equal(RunStatus.Failed, probe.Status);
        Assert.Equal(3, probe.ExitCode);
        Assert.Contains($"\"runId\":\"{probe.Id}\"", probe.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"taskId\":\"probe\",", probe.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"isScheduledTask\":true", probe.Stdout, StringComparison.Ordinal);
        Assert.Contains(
            "mode=container dir=/workspace/group global=/workspace/global ipc=/workspace/ipc pwd=/workspace/group",
            probe.Stdout,
            StringComparison.Ordinal
        );
        Assert.Contains("canary=absent", probe.Stdout, StringComparison.Ordinal);
        Assert.Contains("from-the-host", probe.Stdout, StringComparison.Ordinal);
        Assert.Contains("global-file", probe.Stdout, StringComparison.Ordinal);
        Assert.Equal(
            "written\n",
            File.ReadAllText(workspace.Combine("groups", "box", "from-container.txt"))
        );

        var other = Assert.Single(await workspace.RunsAsync("other"));
        Assert.Equal(RunStatus.Succeeded, other.Status);
        Assert.Contains("other-ran", other.Stdout, StringComparison.Ordinal);
        Assert.False(
            File.Exists(workspace.Combine("groups", "box", "overlaps")),
            "two runs of one group overlapped"
        );
        var (first, second) = probe.StartedAt < other.StartedAt ? (probe, other) : (other, probe);
        Assert.True(second.StartedAt >= first.FinishedAt, "two runs of one group overlapped");
        Assert.Empty(Podman.Containers("nanoclaw-box-"));
    }
}
