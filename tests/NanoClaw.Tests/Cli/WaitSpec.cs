using System.Diagnostics;
using System.Globalization;
using NanoClaw.Runs;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Cli;

/// <summary><c>--wait</c>: a live status line on a terminal only, and Ctrl+C that leaves the run alone.</summary>
public sealed class WaitSpec
{
    [Fact(Timeout = 120_000)]
    public async Task Ctrl_c_during_wait_prints_the_run_id_exits_130_and_the_run_still_succeeds()
    {
        using var workspace = QueuedRunsSpec.MainWorkspace();
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();
        var marker = workspace.Combine("finished");
        var release = workspace.Combine("release");
        var info = new ProcessStartInfo(DaemonProcess.ExecutablePath)
        {
            WorkingDirectory = workspace.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (
            var arg in new[]
            {
                "exec",
                "--group",
                "main",
                "--wait",
                "--",
                "sh",
                "-c",
                $"{QueuedRunsSpec.BlockUntil(release)}; touch {marker}",
            }
        )
            info.ArgumentList.Add(arg);
        using var cli = Process.Start(info)!;
        var stdout = cli.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = cli.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(
            async () => (await workspace.RunsAsync()).Any(r => r.Status == RunStatus.Running),
            TimeSpan.FromSeconds(30),
            "the run did not start"
        );
        await Task.Delay(500, TestContext.Current.CancellationToken);

        using (
            var kill = Process.Start(
                "kill",
                ["-INT", cli.Id.ToString(CultureInfo.InvariantCulture)]
            )
        )
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        using var exit = CancellationTokenSource.CreateLinkedTokenSource(
            TestContext.Current.CancellationToken
        );
        exit.CancelAfter(TimeSpan.FromSeconds(20));
        await cli.WaitForExitAsync(exit.Token);
        var runId = (await workspace.RunsAsync()).Single().Id;
        var wasRunning = !File.Exists(marker);
        File.WriteAllText(release, "");

        Assert.Equal(130, cli.ExitCode);
        var said = await stderr;
        Assert.Contains(runId, said, StringComparison.Ordinal);
        Assert.Contains($"nanoclaw logs {runId} --follow", said, StringComparison.Ordinal);
        Assert.Contains(runId, await stdout + said, StringComparison.Ordinal);
        Assert.True(wasRunning);
        await Eventually.TrueAsync(
            async () => (await workspace.RunsAsync()).Single().Status == RunStatus.Succeeded,
            TimeSpan.FromSeconds(30),
            "the run did not go on to succeed after the CLI stopped waiting"
        );
        Assert.True(File.Exists(marker));
    }

    [Fact(Timeout = 120_000)]
    public async Task Wait_shows_a_live_status_line_on_a_terminal_and_nothing_extra_in_a_pipe()
    {
        var script = RequireTool.OnPath("script", "apt-get install util-linux");
        using var workspace = QueuedRunsSpec.MainWorkspace();
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();
        var command = "exec --group main --wait -- sh -c 'sleep 3; echo done-here'";

        var terminal = await Terminal.RunCliAsync(script, workspace, command);
        var piped = await workspace.CliAsync(
            "exec",
            "--group",
            "main",
            "--wait",
            "--",
            "sh",
            "-c",
            "sleep 2; echo done-here"
        );

        Assert.Matches(@"Run [0-9a-f]{32}: running \d+s", terminal);
        Assert.Contains("\r\u001b[2K", terminal, StringComparison.Ordinal);
        Assert.Matches(@"Run [0-9a-f]{32}: succeeded after", terminal);
        Assert.Contains("done-here", terminal, StringComparison.Ordinal);
        Assert.Equal(0, piped.ExitCode);
        Assert.DoesNotContain("\u001b", piped.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(": running", piped.Stdout, StringComparison.Ordinal);
        Assert.Contains("done-here", piped.Stdout, StringComparison.Ordinal);
    }
}
