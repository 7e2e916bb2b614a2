using NanoClaw.Tests.Runs;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Scheduling;

/// <summary>One trigger whose stored data cannot be read is set aside at start; every other task keeps running.</summary>
public sealed class TriggerQuarantineSpec
{
    [Fact(Timeout = 120_000)]
    public async Task A_corrupt_trigger_is_set_aside_and_reported_and_the_other_tasks_run()
    {
        using var workspace = new Workspace();
        var good = workspace.Combine("good");
        var bad = workspace.Combine("bad");
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("main", isMain: true)
                .ShellTask("good", "main", $"echo x >> {good}", new { interval = "00:00:01" })
                .ShellTask("bad", "main", $"echo x >> {bad}", new { interval = "00:00:01" })
                .ToString()
        );
        await StoreFiles.MakeHealthyStoreAsync(workspace, "bad", 1);
        StoreFiles.Execute(
            workspace.DatabaseFile,
            "UPDATE QRTZ_TRIGGERS SET JOB_DATA = X'00FF7B7B7B' WHERE TRIGGER_NAME = 'bad'"
        );
        var goodRuns = (await workspace.RunsAsync("good")).Count;

        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();
        await workspace.WaitForRunsAsync("good", goodRuns + 2, TimeSpan.FromSeconds(30));

        Assert.Contains(
            "Task bad in group main could not be read from the store",
            daemon.Output,
            StringComparison.Ordinal
        );
        Assert.DoesNotContain(
            "An error occurred while scanning for the next trigger",
            daemon.Output,
            StringComparison.Ordinal
        );
        var check = await workspace.CliAsync("store", "check");
        Assert.Contains(
            "set aside: 1 unreadable trigger(s)",
            check.Stdout,
            StringComparison.Ordinal
        );
        // A jobs-file task is created again from the file and runs on.
        var badRuns = (await workspace.RunsAsync("bad")).Count;
        await workspace.WaitForRunsAsync("bad", badRuns + 1, TimeSpan.FromSeconds(30));
        Assert.Equal(0, await daemon.TerminateAsync(TimeSpan.FromSeconds(30)));
    }
}
