using NanoClaw.Tests.Runs;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Daemon;

/// <summary>The lease in the store keeps a second daemon out even when the lock file is gone, and a dead holder's lease is taken over.</summary>
public sealed class StoreLeaseSpec
{
    [Fact(Timeout = 90_000)]
    public async Task With_the_lock_file_deleted_a_second_daemon_refuses_because_of_the_lease()
    {
        using var workspace = new Workspace();
        var marker = workspace.Combine("ticks");
        StoreFiles.WriteTickingJobs(workspace, marker);
        await using var first = workspace.StartDaemon();
        await first.WaitUntilStartedAsync();
        File.Delete(Path.Combine(workspace.DataDir, "daemon.lock"));

        await using var second = DaemonProcess.Start(
            workspace.Path,
            new Dictionary<string, string> { ["NanoClaw__Admin__Url"] = "http://127.0.0.1:0" },
            "serve"
        );
        var exit = await second.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, exit);
        Assert.Contains(
            "Another NanoClaw daemon holds the store",
            second.Output,
            StringComparison.Ordinal
        );
        Assert.Contains(
            $"node test-node, pid {first.Pid}",
            second.Output,
            StringComparison.Ordinal
        );
        Assert.DoesNotContain("Scheduler started", second.Output, StringComparison.Ordinal);
        Assert.False(first.HasExited);
        Assert.Equal(0, await first.TerminateAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact(Timeout = 90_000)]
    public async Task A_killed_daemons_lease_is_taken_over_at_the_next_start()
    {
        using var workspace = new Workspace();
        StoreFiles.WriteTickingJobs(workspace, workspace.Combine("ticks"));
        await using (var killed = workspace.StartDaemon())
        {
            await killed.WaitUntilStartedAsync();
            await killed.CrashAsync();
        }

        var started = DateTime.UtcNow;
        await using var next = workspace.StartDaemon();
        await next.WaitUntilStartedAsync();

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(15));
        var check = await workspace.CliAsync("store", "check");
        Assert.Contains(
            $"lease:   node test-node, pid {next.Pid}",
            check.Stdout,
            StringComparison.Ordinal
        );
        Assert.Equal(0, await next.TerminateAsync(TimeSpan.FromSeconds(30)));
        var after = await workspace.CliAsync("store", "check");
        Assert.Contains("lease:   none", after.Stdout, StringComparison.Ordinal);
    }

    [Theory(Timeout = 90_000)]
    [InlineData(2, false)]
    [InlineData(60, true)]
    public async Task Another_nodes_lease_keeps_the_store_until_its_heartbeat_is_stale(
        int heartbeatAgeSeconds,
        bool takenOver
    )
    {
        using var workspace = new Workspace();
        StoreFiles.WriteTickingJobs(workspace, workspace.Combine("ticks"));
        await StoreFiles.MakeHealthyStoreAsync(workspace, "tick", 1);
        var heartbeat = DateTimeOffset
            .UtcNow.AddSeconds(-heartbeatAgeSeconds)
            .ToUnixTimeMilliseconds();
        StoreFiles.Execute(
            workspace.DatabaseFile,
            $"INSERT INTO nanoclaw_lease (id, node, pid, token, started_at, heartbeat_ms) VALUES (1, 'other-node', 1, 'x', '2026-12-01T00:00:00Z', {heartbeat})"
        );

        await using var daemon = workspace.StartDaemon();

        if (takenOver)
        {
            await daemon.WaitUntilStartedAsync();
            Assert.Equal(0, await daemon.TerminateAsync(TimeSpan.FromSeconds(30)));
        }
        else
        {
            Assert.Equal(1, await daemon.WaitForExitAsync(TimeSpan.FromSeconds(30)));
            Assert.Contains("(node other-node, pid 1,", daemon.Output, StringComparison.Ordinal);
        }
    }
}
