using System.Globalization;
using NanoClaw.Runs;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Daemon;

public sealed class CrashSpec
{
    [Fact(Timeout = 120_000)]
    public async Task A_run_dies_with_a_killed_daemon_is_recorded_interrupted_and_recovery_runs_it_again()
    {
        using var workspace = new Workspace();
        var marks = workspace.Combine("marks");
        Directory.CreateDirectory(marks);
        // First attempt: a process tree (the shell and a background child) that would run for minutes.
        // The recovered attempt finds the mark and finishes at once.
        var script =
            $"if [ -f {marks}/attempt ]; then echo recovered; exit 0; fi; touch {marks}/attempt; sleep 300 & echo $! > {marks}/child; echo $$ > {marks}/shell; wait";
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("main", isMain: true)
                .ShellTask(
                    "long",
                    "main",
                    script,
                    new { once = JobsJsonBuilder.Instant(DateTimeOffset.UtcNow.AddSeconds(2)) }
                )
                .ToString()
        );

        await using (var daemon = workspace.StartDaemon())
        {
            await daemon.WaitUntilStartedAsync();
            await WaitForFileAsync(Path.Combine(marks, "shell"), TimeSpan.FromSeconds(20));
            await WaitForFileAsync(Path.Combine(marks, "child"), TimeSpan.FromSeconds(5));
            await daemon.CrashAsync();
        }

        var shell = ReadPid(Path.Combine(marks, "shell"));
        var child = ReadPid(Path.Combine(marks, "child"));
        await WaitUntilGoneAsync(shell, TimeSpan.FromSeconds(5));
        await WaitUntilGoneAsync(child, TimeSpan.FromSeconds(5));

        await using (var daemon = workspace.StartDaemon())
        {
            await daemon.WaitUntilStartedAsync();
            await workspace.WaitForRunsAsync(
                "long",
                2,
                TimeSpan.FromSeconds(20),
                r => r.Status != RunStatus.Running
            );
            Assert.Equal(0, await daemon.TerminateAsync(TimeSpan.FromSeconds(30)));
        }

        var runs = await workspace.RunsAsync("long");
        Assert.Equal(2, runs.Count);
        var (recovered, interrupted) = (runs[0], runs[1]);
        Assert.Equal(RunStatus.Interrupted, interrupted.Status);
        Assert.Equal(RunTrigger.Schedule, interrupted.Trigger);
        Assert.Equal(RunStatus.Succeeded, recovered.Status);
        Assert.Equal(RunTrigger.Recovery, recovered.Trigger);
        Assert.Contains("recovered", recovered.Stdout, StringComparison.Ordinal);
    }

    private static int ReadPid(string path) =>
        int.Parse(File.ReadAllText(path).Trim(), CultureInfo.InvariantCulture);

    private static async Task WaitForFileAsync(string path, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!(File.Exists(path) && File.ReadAllText(path).Trim().Length > 0))
        {
            Assert.True(DateTime.UtcNow < deadline, $"{path} never appeared");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>A pid is gone when /proc has no entry, or only a zombie nobody reaped yet.</summary>
    private static async Task WaitUntilGoneAsync(int pid, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (IsAlive(pid))
        {
            Assert.True(DateTime.UtcNow < deadline, $"process {pid} outlived the killed daemon");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    private static bool IsAlive(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        try
        {
            var text = File.ReadAllText(stat);
            var state = text[(text.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state != "Z";
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
    }
}
