using System.Diagnostics;
using NanoClaw.Runs;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Faults;

public sealed class FullDiskSpec
{
    [Fact(Timeout = 90_000)]
    public async Task A_run_printing_more_than_the_groups_folder_holds_is_stopped_at_once_and_recorded_failed_with_the_reason()
    {
        RequireRoot();
        using var workspace = new Workspace();
        var groups = workspace.Combine("groups");
        Directory.CreateDirectory(groups);
        await RunAsync("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", groups);
        try
        {
            workspace.WriteJobs(
                new JobsJsonBuilder()
                    .Group("main", isMain: true)
                    .ShellTask(
                        "loud",
                        "main",
                        // 10 MB, then a wait that only a stopped run cuts short.
                        "head -c 10000000 /dev/zero | tr '\\0' x; sleep 600",
                        new { once = JobsJsonBuilder.Instant(DateTimeOffset.UtcNow.AddSeconds(1)) }
                    )
                    .ToString()
            );
            await using var daemon = workspace.StartDaemon();
            await daemon.WaitUntilStartedAsync();
            var runs = await workspace.WaitForRunsAsync(
                "loud",
                1,
                TimeSpan.FromSeconds(30),
                r => r.Status is not (RunStatus.Running or RunStatus.Queued)
            );
            var run = Assert.Single(runs);
            Assert.Equal(RunStatus.Failed, run.Status);
            Assert.Contains(
                "the run's log could not be written",
                run.Error,
                StringComparison.Ordinal
            );
            Assert.Contains("No space left on device", run.Error, StringComparison.Ordinal);
            Assert.Contains(Path.Combine("main", "logs"), run.Error, StringComparison.Ordinal);
            Assert.True(run.DurationMs < 20_000, $"took {run.DurationMs} ms");

            // The daemon itself is not stuck: it answers and stops cleanly.
            Assert.Equal(
                System.Net.HttpStatusCode.OK,
                (await Health.GetAsync(workspace.AdminUrl)).Status
            );
            Assert.Equal(0, await daemon.TerminateAsync(TimeSpan.FromSeconds(30)));
        }
        finally
        {
            await RunAsync("umount", "-l", groups);
        }
    }

    private static void RequireRoot()
    {
        if (Environment.UserName == "root")
            return;
        Assert.False(RequireTool.IsCi, "Under CI the tests run as root: mounting a tmpfs needs it");
        Assert.Skip("Mounting a small tmpfs as the groups folder needs root.");
    }

    private static async Task RunAsync(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardError = true };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var error = await process.StandardError.ReadToEndAsync(
            TestContext.Current.CancellationToken
        );
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)}: {error}");
    }
}
