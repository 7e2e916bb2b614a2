using NanoClaw.Runs;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Runners;

public sealed class StoppingSpec
{
    [Fact(Timeout = 30_000)]
    public async Task A_timeout_kills_the_whole_process_tree_and_records_timed_out()
    {
        using var host = new HostRunnerHarness();
        var pidFile = host.Combine("bg.pid");

        var outcome = await host.ShellAsync(
            $"{ProcessTable.BackgroundSleep(300, pidFile)} wait",
            TimeSpan.FromSeconds(1)
        );

        Assert.Equal(RunStatus.TimedOut, outcome.Status);
        Assert.Null(outcome.ExitCode);
        Assert.Equal("killed at its timeout of 00:00:01", outcome.Error);
        await ProcessTable.WaitUntilGoneAsync(
            ProcessTable.ReadPid(pidFile),
            TimeSpan.FromSeconds(5)
        );
    }

    [Fact(Timeout = 30_000)]
    public async Task A_run_ignoring_sigterm_is_killed_after_the_grace_period()
    {
        using var host = new HostRunnerHarness();
        var pidFile = host.Combine("bg.pid");

        var outcome = await host.ShellAsync(
            $"trap '' TERM; {ProcessTable.BackgroundSleep(300, pidFile)} while true; do sleep 1; done",
            TimeSpan.FromSeconds(1)
        );

        Assert.Equal(RunStatus.TimedOut, outcome.Status);
        Assert.InRange(
            outcome.FinishedAt - outcome.StartedAt,
            TimeSpan.FromSeconds(1.8),
            TimeSpan.FromSeconds(10)
        );
        await ProcessTable.WaitUntilGoneAsync(
            ProcessTable.ReadPid(pidFile),
            TimeSpan.FromSeconds(5)
        );
    }

    [Fact(Timeout = 30_000)]
    public async Task A_run_gets_the_grace_period_to_clean_up_after_sigterm()
    {
        using var host = new HostRunnerHarness();
        var cleaned = host.Combine("cleaned");

        var outcome = await host.ShellAsync(
            $"trap 'sleep 0.3; echo done > {cleaned}; exit 0' TERM; sleep 300 & wait",
            TimeSpan.FromSeconds(1)
        );

        Assert.Equal(RunStatus.TimedOut, outcome.Status);
        Assert.True(File.Exists(cleaned), "the run was killed before its TERM handler finished");
    }

    [Fact(Timeout = 30_000)]
    public async Task A_background_child_left_by_a_finished_run_is_killed()
    {
        using var host = new HostRunnerHarness();
        var pidFile = host.Combine("bg.pid");

        var outcome = await host.ShellAsync(
            $"{ProcessTable.BackgroundSleep(300, pidFile)} sleep 0.5; exit 0"
        );

        Assert.Equal(RunStatus.Succeeded, outcome.Status);
        await ProcessTable.WaitUntilGoneAsync(
            ProcessTable.ReadPid(pidFile),
            TimeSpan.FromSeconds(5)
        );
    }

    [Fact(Timeout = 30_000)]
    public async Task Cancelling_stops_the_run_and_records_cancelled()
    {
        using var host = new HostRunnerHarness();
        var pidFile = host.Combine("bg.pid");
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(
            TestContext.Current.CancellationToken
        );
        var request = host.Request(
            HostRunnerHarness.Shell($"{ProcessTable.BackgroundSleep(300, pidFile)} wait"),
            TimeSpan.FromMinutes(5)
        );

        var running = host.Runner.RunAsync(request, cancel.Token);
        await Eventually.FileWrittenAsync(pidFile, TimeSpan.FromSeconds(20));
        await cancel.CancelAsync();
        var outcome = await running;

        Assert.Equal(RunStatus.Cancelled, outcome.Status);
        Assert.Null(outcome.ExitCode);
        Assert.Equal("stopped on request", outcome.Error);
        await ProcessTable.WaitUntilGoneAsync(
            ProcessTable.ReadPid(pidFile),
            TimeSpan.FromSeconds(5)
        );
    }
}
