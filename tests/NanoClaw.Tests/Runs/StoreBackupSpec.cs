using NanoClaw.Runs;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Runs;

/// <summary><c>store check</c>, <c>backup</c> and <c>restore</c>: a backup taken while tasks write brings the history back.</summary>
public sealed class StoreBackupSpec
{
    [Fact(Timeout = 120_000)]
    public async Task A_backup_taken_while_the_daemon_writes_restores_the_history_and_keeps_the_replaced_store()
    {
        using var workspace = new Workspace();
        StoreFiles.WriteTickingJobs(workspace, workspace.Combine("ticks"));
        var backupFile = workspace.Combine("backup.db");
        IReadOnlyList<RunRecord> backedUp;
        await using (var daemon = workspace.StartDaemon())
        {
            await daemon.WaitUntilStartedAsync();
            await workspace.WaitForRunsAsync("tick", 3, TimeSpan.FromSeconds(30));

            var healthy = await workspace.CliAsync("store", "check");
            var backup = await workspace.CliAsync("backup", backupFile);
            var again = await workspace.CliAsync("backup", backupFile);
            var whileRunning = await workspace.CliAsync("restore", backupFile);

            Assert.True(healthy.ExitCode == 0, healthy.ToString());
            Assert.Contains("state:   healthy", healthy.Stdout, StringComparison.Ordinal);
            Assert.Contains(
                "lease:   node test-node, pid " + daemon.Pid,
                healthy.Stdout,
                StringComparison.Ordinal
            );
            Assert.True(backup.ExitCode == 0, backup.ToString());
            Assert.True(again.ExitCode == 2, again.ToString());
            Assert.Contains("already exists", again.Stderr, StringComparison.Ordinal);
            Assert.True(whileRunning.ExitCode == 1, whileRunning.ToString());
            Assert.Contains(
                "stop it before restoring",
                whileRunning.Stderr,
                StringComparison.Ordinal
            );
            await workspace.WaitForRunsAsync("tick", 6, TimeSpan.FromSeconds(30));
            Assert.Equal(0, await daemon.TerminateAsync(TimeSpan.FromSeconds(30)));
        }
        Assert.Equal(
            UnixFileMode.UserRead | UnixFileMode.UserWrite,
            File.GetUnixFileMode(backupFile)
        );
        backedUp = await ReadRunsAsync(backupFile);
        Assert.NotEmpty(backedUp);
        var later = await workspace.RunsAsync("tick");
        // The test's pooled connection would go on reading the replaced file by its open handle.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Assert.True(later.Count > backedUp.Count);

        var restore = await workspace.CliAsync("restore", backupFile);

        Assert.True(restore.ExitCode == 0, restore.ToString());
        Assert.Equal(
            UnixFileMode.UserRead | UnixFileMode.UserWrite,
            File.GetUnixFileMode(workspace.DatabaseFile)
        );
        var restored = await ReadRunsAsync(workspace.DatabaseFile);
        Assert.Equal(
            backedUp.Select(r => (r.Id, r.Status, r.Stdout)),
            restored.Select(r => (r.Id, r.Status, r.Stdout))
        );
        var aside = Assert.Single(Directory.GetFiles(workspace.DataDir, "nanoclaw.db.replaced-*"));
        Assert.Equal(later.Count, (await ReadRunsAsync(aside)).Count);
        var check = await workspace.CliAsync("store", "check");
        Assert.True(check.ExitCode == 0, check.ToString());
        await using (var daemon = workspace.StartDaemon())
        {
            await daemon.WaitUntilStartedAsync();
            await workspace.WaitForRunsAsync("tick", restored.Count + 1, TimeSpan.FromSeconds(30));
            Assert.Equal(0, await daemon.TerminateAsync(TimeSpan.FromSeconds(30)));
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Restore_refuses_a_damaged_backup_and_changes_nothing()
    {
        using var workspace = new Workspace();
        StoreFiles.WriteTickingJobs(workspace, workspace.Combine("ticks"));
        await StoreFiles.MakeHealthyStoreAsync(workspace, "tick", 1);
        var bad = workspace.Combine("bad.db");
        File.Copy(workspace.DatabaseFile, bad);
        StoreFiles.Garble(bad, atEnd: false);
        var before = StoreFiles.Hash(workspace.DatabaseFile);

        var restore = await workspace.CliAsync("restore", bad);
        var missing = await workspace.CliAsync("restore", workspace.Combine("nope.db"));
        var itself = await workspace.CliAsync("restore", workspace.DatabaseFile);

        Assert.True(restore.ExitCode == 1, restore.ToString());
        Assert.Contains("Nothing was changed", restore.Stderr, StringComparison.Ordinal);
        Assert.True(missing.ExitCode == 1, missing.ToString());
        Assert.True(itself.ExitCode == 2, itself.ToString());
        Assert.Contains("is the store itself", itself.Stderr, StringComparison.Ordinal);
        StoreFiles.AssertNoStackTrace(restore);
        Assert.Equal(before, StoreFiles.Hash(workspace.DatabaseFile));
        Assert.Empty(Directory.GetFiles(workspace.DataDir, "nanoclaw.db.replaced-*"));
    }

    private static async Task<IReadOnlyList<RunRecord>> ReadRunsAsync(string file)
    {
        var store = new NanoClaw.Runs.Sqlite.SqliteRunStore(
            new NanoClaw.Runs.Sqlite.SqliteConnectionFactory(file)
        );
        var runs = await store.ListAsync(
            new RunQuery { TaskId = "tick", Limit = 10_000 },
            TestContext.Current.CancellationToken
        );
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return runs;
    }
}
