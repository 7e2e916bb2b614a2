using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NanoClaw.Benchmarks.Support;

/// <summary>
/// A throwaway NanoClaw directory as a user would have it: appsettings.json (host mode, no sandbox,
/// an unused admin port, logging as shipped)
/// and a jobs.json. Deleted with everything the runs wrote.
/// </summary>
public sealed class BenchWorkspace : IDisposable
{
    public BenchWorkspace(Action<JsonObject>? configure = null)
    {
        Path = Directory.CreateTempSubdirectory("nanoclaw-bench-").FullName;
        AdminPort = FreePort();
        var nanoclaw = new JsonObject
        {
            ["ExecutionMode"] = "host",
            ["MaxConcurrentRuns"] = 8,
            ["NodeName"] = "bench-node",
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
        File.WriteAllText(
            Combine("appsettings.json"),
            settings.ToJsonString(new JsonSerializerOptions { WriteIndented = true })
        );
    }

    public string Path { get; }
    public int AdminPort { get; }
    public string AdminUrl => $"http://127.0.0.1:{AdminPort}";
    public string DatabaseFile => Combine("data", "nanoclaw.db");

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void WriteJobs(string json) => File.WriteAllText(Combine("jobs.json"), json);

    public Daemon StartDaemon(
        string? path = null,
        IReadOnlyDictionary<string, string>? environment = null
    ) => Daemon.Start(Path, path, environment: environment);

    public RunStoreReader Runs() => new(DatabaseFile);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A log file still held by a dying run: the temp folder is the OS's to clean then.
        }
    }
}
