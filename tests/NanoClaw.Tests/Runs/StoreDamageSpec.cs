using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Runs;

/// <summary>
/// A store the daemon cannot trust is refused before anything is scheduled, with one message that
/// says what to do and exit code 2, and the file is left exactly as it was.
/// </summary>
public sealed class StoreDamageSpec
{
    public enum Damage
    {
        GarbageLastPage,
        GarbageFirstPage,
        EmptyFile,
        UnrelatedTable,
        NewerVersion,
    }

    [Theory(Timeout = 90_000)]
    [InlineData(Damage.GarbageLastPage, "is damaged")]
    [InlineData(Damage.GarbageFirstPage, "is damaged")]
    [InlineData(Damage.EmptyFile, "the file is empty (0 bytes)")]
    [InlineData(Damage.UnrelatedTable, "holds none of NanoClaw's tables (it has: foo)")]
    [InlineData(Damage.NewerVersion, "has schema version 99")]
    public async Task The_daemon_refuses_a_damaged_or_foreign_store_and_schedules_nothing(
        Damage damage,
        string reason
    )
    {
        using var workspace = new Workspace();
        var marker = workspace.Combine("ticks");
        StoreFiles.WriteTickingJobs(workspace, marker);
        await DamageAsync(workspace, damage);
        File.Delete(marker);
        var before = StoreFiles.Hash(workspace.DatabaseFile);

        await using var daemon = workspace.StartDaemon();
        var exit = await daemon.WaitForExitAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(1500, TestContext.Current.CancellationToken);

        Assert.Equal(2, exit);
        Assert.Contains(
            "NanoClaw will not start; nothing was scheduled",
            daemon.Output,
            StringComparison.Ordinal
        );
        Assert.Contains(reason, daemon.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", daemon.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(marker), "no task ran");
        Assert.Equal(before, StoreFiles.Hash(workspace.DatabaseFile));
        if (damage != Damage.NewerVersion)
            Assert.Contains("nanoclaw restore", daemon.Output, StringComparison.Ordinal);
        if (damage is Damage.EmptyFile or Damage.UnrelatedTable)
            Assert.Contains(
                $"mv {workspace.DatabaseFile}",
                daemon.Output,
                StringComparison.Ordinal
            );
    }

    [Theory(Timeout = 90_000)]
    [InlineData(Damage.GarbageFirstPage, "is damaged")]
    [InlineData(Damage.EmptyFile, "the file is empty (0 bytes)")]
    [InlineData(Damage.UnrelatedTable, "holds none of NanoClaw's tables")]
    [InlineData(Damage.NewerVersion, "has schema version 99")]
    public async Task Runs_and_run_on_an_unusable_store_say_why_with_exit_code_2(
        Damage damage,
        string reason
    )
    {
        using var workspace = new Workspace();
        StoreFiles.WriteTickingJobs(workspace, workspace.Combine("ticks"));
        await DamageAsync(workspace, damage);
        var before = StoreFiles.Hash(workspace.DatabaseFile);

        var runs = await workspace.CliAsync("runs");
        var run = await workspace.CliAsync("run", "some-id");

        foreach (var result in new[] { runs, run })
        {
            Assert.True(result.ExitCode == 2, result.ToString());
            Assert.Contains(reason, result.Stderr, StringComparison.Ordinal);
            StoreFiles.AssertNoStackTrace(result);
        }
        Assert.Equal(before, StoreFiles.Hash(workspace.DatabaseFile));
    }

    [Fact(Timeout = 90_000)]
    public async Task Store_check_finds_a_garbage_last_page_that_runs_can_read_around()
    {
        using var workspace = new Workspace();
        StoreFiles.WriteTickingJobs(workspace, workspace.Combine("ticks"));
        await DamageAsync(workspace, Damage.GarbageLastPage);

        var check = await workspace.CliAsync("store", "check");
        var runs = await workspace.CliAsync("runs");

        Assert.True(check.ExitCode == 1, check.ToString());
        Assert.Contains("state:   damaged", check.Stdout, StringComparison.Ordinal);
        Assert.Contains("integrity check found", check.Stderr, StringComparison.Ordinal);
        StoreFiles.AssertNoStackTrace(runs);
        Assert.True(runs.ExitCode is 0 or 2, runs.ToString());
    }

    [Fact(Timeout = 60_000)]
    public async Task Runs_on_a_data_directory_never_used_lists_nothing_and_creates_nothing()
    {
        using var workspace = new Workspace();

        var runs = await workspace.CliAsync("runs");

        Assert.True(runs.ExitCode == 0, runs.ToString());
        Assert.Contains("There is no store at", runs.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(workspace.DatabaseFile));
    }

    private static async Task DamageAsync(Workspace workspace, Damage damage)
    {
        switch (damage)
        {
            case Damage.GarbageLastPage:
            case Damage.GarbageFirstPage:
                await StoreFiles.MakeHealthyStoreAsync(workspace, "tick", 2);
                StoreFiles.Garble(workspace.DatabaseFile, atEnd: damage == Damage.GarbageLastPage);
                break;
            case Damage.NewerVersion:
                await StoreFiles.MakeHealthyStoreAsync(workspace, "tick", 1);
                StoreFiles.Execute(workspace.DatabaseFile, "PRAGMA user_version = 99");
                break;
            case Damage.EmptyFile:
                Directory.CreateDirectory(workspace.DataDir);
                await File.WriteAllBytesAsync(
                    workspace.DatabaseFile,
                    [],
                    TestContext.Current.CancellationToken
                );
                break;
            case Damage.UnrelatedTable:
                Directory.CreateDirectory(workspace.DataDir);
                StoreFiles.Execute(workspace.DatabaseFile, "CREATE TABLE foo (x INTEGER)");
                break;
        }
    }
}
