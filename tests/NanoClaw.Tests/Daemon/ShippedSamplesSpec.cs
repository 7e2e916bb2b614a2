using System.Net;
using System.Net.Sockets;
using NanoClaw.Runs;
using NanoClaw.Runs.Sqlite;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Daemon;

/// <summary>The repository's own appsettings.json and jobs.json work on a machine with nothing but .NET.</summary>
public sealed class ShippedSamplesSpec
{
    [Fact(Timeout = 90_000)]
    public async Task The_shipped_files_validate_and_their_first_firings_succeed()
    {
        using var dir = new TempDir();
        var root = RepositoryRoot();
        foreach (var file in new[] { "appsettings.json", "jobs.json" })
            File.Copy(Path.Combine(root, file), dir.Combine(file));
        // Its own admin port, so a daemon a developer runs on the default port does not collide.
        var admin = $"--NanoClaw:Admin:Url=http://127.0.0.1:{FreePort()}";

        var validate = await CliRun.ExecAsync(dir.Path, ["validate", admin]);
        await using (var daemon = DaemonProcess.Start(dir.Path, null, "serve", admin))
        {
            await daemon.WaitUntilStartedAsync();
            await WaitForAsync(dir, ["heartbeat", "agent-hello"]);
            Assert.Equal(0, await daemon.TerminateAsync(TimeSpan.FromSeconds(30)));
        }

        Assert.True(validate.ExitCode == 0, validate.ToString());
        var runs = await RunsAsync(dir);
        Assert.All(runs, r => Assert.Equal(RunStatus.Succeeded, r.Status));
        Assert.Contains(
            "heartbeat from main",
            runs.First(r => r.TaskId == "heartbeat").Stdout,
            StringComparison.Ordinal
        );
        Assert.NotNull(runs.First(r => r.TaskId == "agent-hello").Result);
    }

    private static async Task WaitForAsync(TempDir dir, string[] tasks)
    {
        for (var i = 0; i < 300; i++)
        {
            var runs = await RunsAsync(dir);
            if (tasks.All(t => runs.Any(r => r.TaskId == t && r.Status != RunStatus.Running)))
                return;
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        Assert.Fail($"the samples {string.Join(", ", tasks)} did not all run within 30 s");
    }

    private static async Task<IReadOnlyList<RunRecord>> RunsAsync(TempDir dir)
    {
        var db = dir.Combine("data", "nanoclaw.db");
        if (!File.Exists(db))
            return [];
        var store = new SqliteRunStore(new SqliteConnectionFactory(db));
        return await store.ListAsync(
            new RunQuery { Limit = 100 },
            TestContext.Current.CancellationToken
        );
    }

    private static string RepositoryRoot()
    {
        for (
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            dir is not null;
            dir = dir.Parent
        )
        {
            if (File.Exists(Path.Combine(dir.FullName, "NanoClaw.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException(
            "the repository root (NanoClaw.sln) was not found above " + AppContext.BaseDirectory
        );
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
