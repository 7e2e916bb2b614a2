using System.Globalization;
using NanoClaw.Runs;

namespace NanoClaw.Tests.Runners;

public sealed class StoppingSpec
{
    [Fact(Timeout = 30_000)]
    public async Task A_timeout_kills_the_whole_process_tree_and_records_timed_out()
    {
        using var host = new HostRunnerHarness();
        var pidFile = host.Combine("bg.pid");

        var outcome = await host.ShellAsync(
            $"sleep 300 & echo $! > {pidFile}; wait",
            TimeSpan.FromSeconds(1)
        );

        Assert.Equal(RunStatus.TimedOut, outcome.Status);
        Assert.Null(outcome.ExitCode);
        Assert.Equal("killed at its timeout of 00:00:01", outcome.Error);
        await AssertGoneAsync(ReadPid(pidFile));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_run_ignoring_sigterm_is_killed_after_the_grace_period()
    {
        using var host = new HostRunnerHarness();
        var pidFile = host.Combine("bg.pid");

        var outcome = await host.ShellAsync(
            $"trap '' TERM; sleep 300 & echo $! > {pidFile}; while true; do sleep 1; done",
            TimeSpan.FromSeconds(1)
        );

        Assert.Equal(RunStatus.TimedOut, outcome.Status);
        Assert.InRange(
            outcome.FinishedAt - outcome.StartedAt,
            TimeSpan.FromSeconds(1.8),
            TimeSpan.FromSeconds(10)
        );
        await AssertGoneAsync(ReadPid(pidFile));
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

        var outcome = await host.ShellAsync($"sleep 300 & echo $! > {pidFile}; exit 0");

        Assert.Equal(RunStatus.Succeeded, outcome.Status);
        await AssertGoneAsync(ReadPid(pidFile));
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
            HostRunnerHarness.Shell($"sleep 300 & echo $! > {pidFile}; wait"),
            TimeSpan.FromMinutes(5)
        );

        var running = host.Runner.RunAsync(request, cancel.Token);
        await WaitForFileAsync(pidFile);
        await cancel.CancelAsync();
        var outcome = await running;

        Assert.Equal(RunStatus.Cancelled, outcome.Status);
        Assert.Null(outcome.ExitCode);
        Assert.Equal("stopped on request", outcome.Error);
        await AssertGoneAsync(ReadPid(pidFile));
    }

    private static int ReadPid(string path) =>
        int.Parse(File.ReadAllText(path).Trim(), CultureInfo.InvariantCulture);

    private static async Task WaitForFileAsync(string path)
    {
        while (!File.Exists(path) || new FileInfo(path).Length == 0)
            await Task.Delay(50, TestContext.Current.CancellationToken);
    }

    /// <summary>Gone means no such process, or a zombie waiting for its new parent to reap it.</summary>
    private static async Task AssertGoneAsync(int pid)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (DateTime.UtcNow < deadline)
        {
            if (!IsAlive(pid))
                return;
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        Assert.Fail($"process {pid} of the run is still running");
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The state is the first field after the parenthesised command name.
            return stat[(stat.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
    }
}
