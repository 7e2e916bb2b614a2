using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Cli;

/// <summary>A mistyped command or task id gets the closest names, not only a refusal.</summary>
public sealed class DidYouMeanSpec
{
    [Fact(Timeout = 60_000)]
    public async Task A_mistyped_command_is_exit_2_with_the_closest_commands()
    {
        using var workspace = QueuedRunsSpec.MainWorkspace();

        var top = await workspace.CliAsync("stauts");
        var sub = await workspace.CliAsync("tasks", "shwo", "x");
        var nothingClose = await workspace.CliAsync("xyzzy");

        Assert.Equal(2, top.ExitCode);
        Assert.Contains("Did you mean 'status'?", top.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, sub.ExitCode);
        Assert.Contains("Did you mean 'show'?", sub.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, nothingClose.ExitCode);
        Assert.DoesNotContain("Did you mean", nothingClose.Stderr, StringComparison.Ordinal);
    }

    [Fact(Timeout = 90_000)]
    public async Task An_unknown_task_id_names_the_closest_task_in_trigger_pause_and_tasks_show()
    {
        using var workspace = new Workspace();
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("main", isMain: true)
                .ShellTask("heartbeat", "main", "true")
                .ShellTask("nightly-report", "main", "true")
                .ToString()
        );
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();

        var trigger = await workspace.CliAsync("trigger", "heartbaet");
        var pause = await workspace.CliAsync("pause", "nightly-reprot");
        var show = await workspace.CliAsync("tasks", "show", "report");
        var far = await workspace.CliAsync("trigger", "zzzz");

        foreach (
            var (answer, meant) in new[]
            {
                (trigger, "heartbeat"),
                (pause, "nightly-report"),
                (show, "nightly-report"),
            }
        )
        {
            Assert.Equal(1, answer.ExitCode);
            Assert.Contains($"Did you mean '{meant}'?", answer.Stderr, StringComparison.Ordinal);
        }
        Assert.Equal(1, far.ExitCode);
        Assert.Contains("no task 'zzzz'", far.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Did you mean", far.Stderr, StringComparison.Ordinal);
        Assert.Empty(await workspace.RunsAsync());
    }
}
