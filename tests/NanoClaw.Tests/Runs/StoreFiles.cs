using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Runs;

/// <summary>Real store files for the store specs: a healthy one made by the daemon, and the ways one gets damaged.</summary>
internal static class StoreFiles
{
    /// <summary>A jobs file whose one task touches <paramref name="marker"/> every second: proof of anything scheduled.</summary>
    public static void WriteTickingJobs(
        Workspace workspace,
        string marker,
        string taskId = "tick"
    ) =>
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("main", isMain: true)
                .ShellTask(taskId, "main", $"echo tick >> {marker}", new { interval = "00:00:01" })
                .ToString()
        );

    /// <summary>Runs the daemon until the task has <paramref name="runs"/> finished runs, then stops it cleanly.</summary>
    public static async Task MakeHealthyStoreAsync(Workspace workspace, string taskId, int runs)
    {
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();
        await workspace.WaitForRunsAsync(
            taskId,
            runs,
            TimeSpan.FromSeconds(30),
            r => r.FinishedAt is not null
        );
        Assert.Equal(0, await daemon.TerminateAsync(TimeSpan.FromSeconds(30)));
        SqliteConnection.ClearAllPools();
        Assert.False(
            File.Exists(workspace.DatabaseFile + "-wal")
                && new FileInfo(workspace.DatabaseFile + "-wal").Length > 0,
            "a cleanly stopped daemon leaves its WAL checkpointed"
        );
    }

    /// <summary>Overwrites 4 KiB of the file with random bytes, at its start or its end.</summary>
    public static void Garble(string file, bool atEnd)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Write);
        stream.Position = atEnd ? stream.Length - 4096 : 0;
        stream.Write(RandomNumberGenerator.GetBytes(4096));
    }

    public static void Execute(string file, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static string Hash(string file) =>
        Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)));

    public static void AssertNoStackTrace(CliRun run) =>
        Assert.DoesNotContain("   at ", run.Stdout + run.Stderr, StringComparison.Ordinal);
}
