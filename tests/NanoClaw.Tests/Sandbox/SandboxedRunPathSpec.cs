using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using NanoClaw.Jobs;
using NanoClaw.Runs;
using NanoClaw.Tests.Runners;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Sandbox;

/// <summary>
/// A sandboxed run starts as <c>setsid</c> → bubblewrap, whose own PID namespace, init and
/// parent-death signal contain it, with no namespace and shell of the supervisor's in between; it
/// keeps every guarantee an unsandboxed run has.
/// </summary>
public sealed class SandboxedRunPathSpec
{
    private static readonly GroupDefinition Guest = new() { Name = "guest" };

    [Fact(Timeout = 30_000)]
    public async Task A_sandboxed_run_is_bubblewrap_started_by_the_daemon_with_nothing_in_between()
    {
        RequireTool.OnPath("bwrap", "apt-get install bubblewrap");
        using var host = new HostRunnerHarness(sandbox: true);
        var marker = Marker();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(
            TestContext.Current.CancellationToken
        );
        var run = host.Runner.RunAsync(
            host.Request(HostRunnerHarness.Task("sleep", marker), group: Guest),
            cancel.Token
        );

        await Eventually.TrueAsync(
            () => Running("sleep " + marker).Count == 1,
            TimeSpan.FromSeconds(10),
            "the sandboxed run never started"
        );
        var command = Running("sleep " + marker)[0];
        var init = ParentOf(command);
        var outer = ParentOf(init);
        // setsid execs in place, so bubblewrap's outer process is the daemon's child.
        Assert.Equal("bwrap", Name(init));
        Assert.Equal("bwrap", Name(outer));
        Assert.Equal(Environment.ProcessId, ParentOf(outer));
        // The run leads its own session, so the daemon can signal its whole group.
        Assert.Equal(outer, SessionOf(command));

        await cancel.CancelAsync();
        var outcome = await run;
        Assert.Equal(RunStatus.Cancelled, outcome.Status);
        await Eventually.TrueAsync(
            () => Mentioning(marker).Count == 0,
            TimeSpan.FromSeconds(5),
            "a process of the cancelled sandboxed run is still running"
        );
    }

    [Fact(Timeout = 60_000)]
    public async Task A_sandboxed_run_reports_exit_codes_signals_and_stdin_as_an_unsandboxed_one_does()
    {
        RequireTool.OnPath("bwrap", "apt-get install bubblewrap");
        using var sandboxed = new HostRunnerHarness(sandbox: true);
        using var plain = new HostRunnerHarness();

        foreach (var script in new[] { "exit 7", "kill -USR1 $$", "exit 0" })
        {
            var inside = await RunAsync(sandboxed, HostRunnerHarness.Shell(script), Guest);
            var outside = await RunAsync(plain, HostRunnerHarness.Shell(script), Guest);
            Assert.Equal(outside.Status, inside.Status);
            Assert.Equal(outside.ExitCode, inside.ExitCode);
        }
        var signalled = await RunAsync(sandboxed, HostRunnerHarness.Shell("kill -USR1 $$"), Guest);
        Assert.Equal(128 + 10, signalled.ExitCode);

        var request = sandboxed.Request(HostRunnerHarness.Shell("cat"), group: Guest);
        var echoed = await sandboxed.Runner.RunAsync(
            request,
            TestContext.Current.CancellationToken
        );
        Assert.Equal(RunStatus.Succeeded, echoed.Status);
        Assert.False(string.IsNullOrEmpty(request.StdinJson));
        Assert.Equal(request.StdinJson, echoed.Stdout.Text);
    }

    [Fact(Timeout = 30_000)]
    public async Task Children_of_a_sandboxed_run_that_called_setsid_or_double_forked_die_when_it_ends()
    {
        RequireTool.OnPath("bwrap", "apt-get install bubblewrap");
        using var host = new HostRunnerHarness(sandbox: true);
        var marker = Marker();
        var clock = Stopwatch.StartNew();

        // The script counts, inside its own /proc, that both escapees are running before it ends.
        var outcome = await RunAsync(
            host,
            HostRunnerHarness.Shell(
                $"setsid sleep {marker}1 & (setsid sh -c '(sleep {marker}2 &)' &); sleep 0.5; "
                    + "for p in /proc/[0-9]*; do tr '\\0' ' ' < $p/cmdline 2>/dev/null; echo; done "
                    + $"| grep -c '^sleep {marker}'"
            ),
            Guest
        );

        Assert.Equal(RunStatus.Succeeded, outcome.Status);
        Assert.Equal("2\n", outcome.Stdout.Text);
        // Ended with its main process: not held open by the escapees' copies of its output.
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, ProcessLauncherDrainBound);
        await Eventually.TrueAsync(
            () => Running("sleep " + marker).Count == 0,
            TimeSpan.FromSeconds(3),
            "an escaped child of the sandboxed run outlived it"
        );
    }

    [Fact(Timeout = 30_000)]
    public async Task At_its_timeout_a_sandboxed_run_and_its_escaped_child_are_killed_and_recorded_timed_out()
    {
        RequireTool.OnPath("bwrap", "apt-get install bubblewrap");
        using var host = new HostRunnerHarness(sandbox: true);
        var marker = Marker();
        var clock = Stopwatch.StartNew();

        var outcome = await sandboxedTimeoutAsync();

        Assert.Equal(RunStatus.TimedOut, outcome.Status);
        Assert.Null(outcome.ExitCode);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(8));
        await Eventually.TrueAsync(
            () => Running("sleep " + marker).Count == 0,
            TimeSpan.FromSeconds(3),
            "a process of the timed-out sandboxed run is still running"
        );

        Task<NanoClaw.Runners.RunOutcome> sandboxedTimeoutAsync() =>
            host.Runner.RunAsync(
                host.Request(
                    HostRunnerHarness.Shell($"setsid sleep {marker}1 & sleep {marker}2"),
                    TimeSpan.FromSeconds(2),
                    group: Guest
                ),
                TestContext.Current.CancellationToken
            );
    }

    [Fact(Timeout = 90_000)]
    public async Task An_escaped_child_of_a_sandboxed_run_dies_with_a_killed_daemon()
    {
        RequireTool.OnPath("bwrap", "apt-get install bubblewrap");
        using var workspace = new Workspace(settings =>
            settings["Host"] = new JsonObject { ["Sandbox"] = true }
        );
        var marker = Marker();
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("main", isMain: true)
                .Group("guest")
                .ShellTask(
                    "escape",
                    "guest",
                    $"(setsid sh -c '(sleep {marker}1 &)' &); setsid sleep {marker}2 & touch started; sleep {marker}3"
                )
                .ToString()
        );
        await using (var daemon = workspace.StartDaemon())
        {
            await daemon.WaitUntilStartedAsync();
            Assert.Equal(0, (await workspace.CliAsync("trigger", "escape")).ExitCode);
            await Eventually.TrueAsync(
                () => Running("sleep " + marker).Count == 3,
                TimeSpan.FromSeconds(15),
                "the sandboxed run and its escapees never all started"
            );
            await daemon.CrashAsync();
        }

        await Eventually.TrueAsync(
            () => Mentioning(marker).Count == 0,
            TimeSpan.FromSeconds(5),
            "a process of the sandboxed run outlived the killed daemon"
        );
    }

    /// <summary>The launcher's drain bound plus room for a loaded machine: far below any escapee's sleep.</summary>
    private static readonly TimeSpan ProcessLauncherDrainBound = TimeSpan.FromSeconds(
        NanoClaw.Runners.Processes.ProcessLauncher.DrainTimeout.TotalSeconds + 2
    );

    private static Task<NanoClaw.Runners.RunOutcome> RunAsync(
        HostRunnerHarness host,
        TaskDefinition task,
        GroupDefinition group
    ) =>
        host.Runner.RunAsync(
            host.Request(task, TimeSpan.FromSeconds(20), group: group),
            TestContext.Current.CancellationToken
        );

    /// <summary>A number no other process on the machine has on its command line.</summary>
    private static string Marker() =>
        Random.Shared.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture);

    private static int ParentOf(int pid) => int.Parse(Stat(pid)[1], CultureInfo.InvariantCulture);

    private static int SessionOf(int pid) => int.Parse(Stat(pid)[3], CultureInfo.InvariantCulture);

    private static string Name(int pid) => File.ReadAllText($"/proc/{pid}/comm").Trim();

    /// <summary>The fields of <c>/proc/PID/stat</c> after the command name: state, ppid, pgrp, session, …</summary>
    private static string[] Stat(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    }

    /// <summary>Live processes whose command line starts with <paramref name="text"/>: the command itself, not the shells or bubblewrap that name it.</summary>
    private static List<int> Running(string text) =>
        Processes((cmdline) => cmdline.StartsWith(text, StringComparison.Ordinal));

    /// <summary>Live processes whose command line mentions <paramref name="text"/> anywhere.</summary>
    private static List<int> Mentioning(string text) =>
        Processes((cmdline) => cmdline.Contains(text, StringComparison.Ordinal));

    /// <summary>Live (not zombie) processes whose command line matches.</summary>
    private static List<int> Processes(Func<string, bool> matches)
    {
        var found = new List<int>();
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
                continue;
            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (matches(cmdline) && ProcessTable.IsAlive(pid))
                    found.Add(pid);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return found;
    }
}
