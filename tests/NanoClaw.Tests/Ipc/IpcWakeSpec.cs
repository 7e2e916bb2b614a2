using System.Diagnostics;
using NanoClaw.Agents.Ipc;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Ipc;

/// <summary>
/// The IPC folders are served on inotify's word, not by polling: a request is answered promptly
/// although the folders are read on their own only once per rescan interval.
/// </summary>
public sealed class IpcWakeSpec
{
    [Fact(Timeout = 90_000)]
    public async Task A_request_left_before_start_is_answered_at_start_and_a_later_one_at_once_without_waiting_for_the_rescan()
    {
        using var workspace = new Workspace();
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("main", isMain: true)
                .Group("ops")
                .ShellTask("daily", "ops", "true", new { cron = "0 3 * * *" })
                .ToString()
        );
        var ops = new IpcFolderClient(workspace, "ops");
        ops.Send(new { id = "before-start", action = "list_tasks" });

        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();
        IpcFolderClient.AssertOk(await ops.AnswerAsync("before-start"));

        // Well past the first pass, so only the folder's watch can wake the service before the rescan.
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        var clock = Stopwatch.StartNew();
        IpcFolderClient.AssertOk(
            await ops.AskAsync(
                new { id = "later", action = "list_tasks" },
                TimeSpan.FromSeconds(50)
            )
        );
        Assert.True(
            clock.Elapsed < IpcService.RescanInterval / 3,
            $"answered after {clock.Elapsed}: not woken by its watch (rescan every {IpcService.RescanInterval})"
        );
    }
}
