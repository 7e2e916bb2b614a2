using System.Diagnostics;
using NanoClaw.Runners.Processes;
using NanoClaw.Runs;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Runners;

/// <summary>
/// A run ends when its main process ends, and every descendant dies with it, including those that
/// left the run's process group (setsid, double fork) and so escape a signal to the group.
/// </summary>
[Collection(AloneGroup.Name)]
public sealed class EscapedChildrenSpec
{
    [Fact(Timeout = 30_000)]
    public async Task A_run_whose_child_called_setsid_ends_with_its_main_process_and_the_child_dies()
    {
        using var host = new HostRunnerHarness();
        var pidFile = host.Combine("escaped.pid");
        var clock = Stopwatch.StartNew();

        var outcome = await host.ShellAsync(
            $"setsid sh -c '{ProcessTable.WriteHostPid} {pidFile}; exec sleep 120' & sleep 1; echo done"
        );

        Assert.Equal(RunStatus.Succeeded, outcome.Status);
        Assert.Equal("done\n", outcome.Stdout.Text);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(4));
        await ProcessTable.WaitUntilGoneAsync(
            ProcessTable.ReadPid(pidFile),
            TimeSpan.FromSeconds(3)
        );
    }

    [Fact(Timeout = 30_000)]
    public async Task A_double_forked_daemon_started_by_a_run_dies_when_the_run_ends()
    {
        using var host = new HostRunnerHarness();
        var pidFile = host.Combine("daemonized.pid");
        var daemonScript = host.Combine("daemon.sh");
        await File.WriteAllTextAsync(
            daemonScript,
            $"{ProcessTable.WriteHostPid} {pidFile}; exec sleep 120\n",
            TestContext.Current.CancellationToken
        );

        // The classic daemonize: fork, setsid in the child, fork again, the middle one exits.
        var outcome = await host.ShellAsync(
            $"(setsid sh -c '(sh {daemonScript} &)' &); sleep 1; echo started"
        );

        Assert.Equal(RunStatus.Succeeded, outcome.Status);
        await ProcessTable.WaitUntilGoneAsync(
            ProcessTable.ReadPid(pidFile),
            TimeSpan.FromSeconds(3)
        );
    }

    [Fact(Timeout = 30_000)]
    public async Task At_its_timeout_a_run_and_its_escaped_child_are_killed_and_it_is_recorded_timed_out()
    {
        using var host = new HostRunnerHarness();
        var pidFile = host.Combine("escaped.pid");
        var clock = Stopwatch.StartNew();

        var outcome = await host.ShellAsync(
            $"setsid sh -c '{ProcessTable.WriteHostPid} {pidFile}; exec sleep 120' & sleep 120",
            TimeSpan.FromSeconds(2)
        );

        Assert.Equal(RunStatus.TimedOut, outcome.Status);
        // The timeout, then the 1 s kill grace, then the drain: never the escaped child's 120 s.
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(8));
        await ProcessTable.WaitUntilGoneAsync(
            ProcessTable.ReadPid(pidFile),
            TimeSpan.FromSeconds(3)
        );
    }

    [Fact(Timeout = 30_000)]
    public async Task Without_a_pid_namespace_a_child_holding_the_output_open_delays_the_end_by_the_drain_only()
    {
        using var spawn = new SpawnThread();
        using var dir = new TempDir();
        var pidFile = dir.Combine("escaped.pid");
        var clock = Stopwatch.StartNew();
        ProcessResult result;
        try
        {
            result = await new ProcessLauncher(spawn).RunAsync(
                new ProcessSpec
                {
                    Argv =
                    [
                        "sh",
                        "-c",
                        $"setsid sh -c 'echo $$ > {pidFile}; exec sleep 120' & sleep 0.5; echo done",
                    ],
                    WorkingDir = dir.Path,
                    Environment = new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" },
                    Stdin = "",
                    Timeout = TimeSpan.FromSeconds(30),
                    KillGracePeriod = TimeSpan.FromSeconds(1),
                    LogPath = dir.Combine("logs", "run.log"),
                    MaxTailBytes = 4096,
                    IsolatePids = false,
                },
                TestContext.Current.CancellationToken
            );
        }
        finally
        {
            if (File.Exists(pidFile))
                Process.GetProcessById(ProcessTable.ReadPid(pidFile)).Kill();
        }

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("done\n", result.Stdout.Text);
        Assert.InRange(
            clock.Elapsed,
            ProcessLauncher.DrainTimeout,
            ProcessLauncher.DrainTimeout + TimeSpan.FromSeconds(3)
        );
        Assert.Contains(
            "output was still held open",
            await File.ReadAllTextAsync(
                dir.Combine("logs", "run.log"),
                TestContext.Current.CancellationToken
            ),
            StringComparison.Ordinal
        );
    }

    [Fact(Timeout = 60_000)]
    public async Task An_escaped_child_dies_when_the_daemon_is_killed()
    {
        using var workspace = new Workspace();
        var pidFile = workspace.Combine("escaped.pid");
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("main", isMain: true)
                .Group("guest")
                .ShellTask(
                    "escape",
                    "main",
                    $"setsid sh -c '{ProcessTable.WriteHostPid} {pidFile}; exec sleep 120' & sleep 120",
                    new { once = JobsJsonBuilder.Instant(DateTimeOffset.UtcNow.AddSeconds(1)) }
                )
                .ToString()
        );

        await using (var daemon = workspace.StartDaemon())
        {
            await daemon.WaitUntilStartedAsync();
            await Eventually.FileWrittenAsync(pidFile, TimeSpan.FromSeconds(20));
            await daemon.CrashAsync();
        }

        // Dead once the daemon is: the kernel tears the run's namespace down then. The wait is
        // generous only for a machine busy with other test classes; an escape sleeps 120 s.
        await ProcessTable.WaitUntilGoneAsync(
            ProcessTable.ReadPid(pidFile),
            TimeSpan.FromSeconds(20)
        );
    }
}
