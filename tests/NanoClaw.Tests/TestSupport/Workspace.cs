using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using NanoClaw.Runs;
using NanoClaw.Runs.Sqlite;

namespace NanoClaw.Tests.TestSupport;

/// <summary>
/// A throwaway NanoClaw working directory: appsettings.json (host mode, short grace periods, its own
/// admin port) and a jobs.json, as a user would have them.
/// </summary>
public sealed class Workspace : IDisposable
{
    private readonly TempDir _dir = new();

    public Workspace(Action<JsonObject>? configure = null)
    {
        AdminPort = FreePort();
        var nanoclaw = new JsonObject
        {
            ["ExecutionMode"] = "host",
            ["MaxConcurrentRuns"] = 8,
            ["KillGracePeriod"] = "00:00:02",
            ["ShutdownGracePeriod"] = "00:00:10",
            ["MisfireThreshold"] = "00:00:01",
            ["NodeName"] = "test-node",
            ["Host"] = new JsonObject { ["Sandbox"] = false },
            ["Admin"] = new JsonObject { ["Url"] = $"http://127.0.0.1:{AdminPort}" },
        };
        configure?.Invoke(nanoclaw);
        var settings = new JsonObject
        {
            ["NanoClaw"] = nanoclaw,
            ["Serilog"] = new JsonObject
            {
                ["MinimumLevel"] = new JsonObject { ["Default"] = "Information" },
            },
        };
        _dir.WriteFile(
            "appsettings.json",
            settings.ToJsonString(new JsonSerializerOptions { WriteIndented = true })
        );
    }

    public string Path => _dir.Path;
    public int AdminPort { get; }
    public string DataDir => _dir.Combine("data");
    public string DatabaseFile => _dir.Combine("data", "nanoclaw.db");

    public string Combine(params string[] parts) => _dir.Combine(parts);

    public void WriteJobs(string json) => _dir.WriteFile("jobs.json", json);

    /// <summary>Edits appsettings.json as text, e.g. to put a path that is only known later.</summary>
    public void RewriteSettings(Func<string, string> edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var path = _dir.Combine("appsettings.json");
        File.WriteAllText(path, edit(File.ReadAllText(path)));
    }

    public string WriteFile(string relativePath, string content) =>
        _dir.WriteFile(relativePath, content);

    public DaemonProcess StartDaemon(IReadOnlyDictionary<string, string>? environment = null) =>
        DaemonProcess.Start(Path, environment, "serve");

    /// <summary>Runs the <c>nanoclaw</c> CLI in this workspace, as a user would.</summary>
    public Task<CliRun> CliAsync(params string[] args) => CliRun.ExecAsync(Path, args);

    public string AdminUrl => $"http://127.0.0.1:{AdminPort}";

    /// <summary>The runs of a task (or all), newest first, read from the store as the CLI does.</summary>
    public async Task<IReadOnlyList<RunRecord>> RunsAsync(string? taskId = null)
    {
        if (!File.Exists(DatabaseFile))
            return [];
        var store = new SqliteRunStore(new SqliteConnectionFactory(DatabaseFile));
        return await store.ListAsync(
            new RunQuery { TaskId = taskId, Limit = 10_000 },
            TestContext.Current.CancellationToken
        );
    }

    /// <summary>Waits until the task has at least <paramref name="count"/> runs matching <paramref name="where"/>.</summary>
    public async Task<IReadOnlyList<RunRecord>> WaitForRunsAsync(
        string taskId,
        int count,
        TimeSpan timeout,
        Func<RunRecord, bool>? where = null
    )
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var runs = (await RunsAsync(taskId)).Where(where ?? (_ => true)).ToList();
            if (runs.Count >= count)
                return runs;
            Assert.True(
                DateTime.UtcNow < deadline,
                $"task {taskId} has {runs.Count} matching run(s), not {count}, after {timeout}"
            );
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose() => _dir.Dispose();
}
