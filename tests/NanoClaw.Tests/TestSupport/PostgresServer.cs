using System.Diagnostics;
using Npgsql;

namespace NanoClaw.Tests.TestSupport;

/// <summary>
/// A throwaway PostgreSQL server: <c>initdb</c> in a temporary folder and <c>pg_ctl</c> on a free
/// loopback port, run as the <c>postgres</c> user when the tests run as root (PostgreSQL refuses
/// root). <see cref="SharedAsync"/> serves the whole test run, a database per test; a test that stops and
/// starts the server (a node losing its database) makes its own with <see cref="StartAsync"/>.
/// Skips without PostgreSQL, and fails under CI, where <c>.ci/setup-postgres.sh</c> installs it.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private static readonly SemaphoreSlim SharedGate = new(1, 1);
    private static PostgresServer? _shared;

    private readonly TempDir _dir = new();
    private readonly string _bin;

    private PostgresServer(string bin)
    {
        _bin = bin;
        Port = Workspace.FreePort();
    }

    public int Port { get; }

    private string DataDir => Path.Combine(_dir.Path, "pgdata");

    /// <summary>The server for the whole test run, started at the first call and stopped when the tests end.</summary>
    public static async Task<PostgresServer> SharedAsync()
    {
        await SharedGate.WaitAsync();
        try
        {
            if (_shared is null)
            {
                var server = await StartAsync();
                AppDomain.CurrentDomain.ProcessExit += (_, _) =>
                    server.DisposeAsync().AsTask().GetAwaiter().GetResult();
                _shared = server;
            }
            return _shared;
        }
        finally
        {
            SharedGate.Release();
        }
    }

    /// <summary>A fresh, empty database on the shared server; its connection string.</summary>
    public static async Task<string> NewDatabaseAsync()
    {
        var server = await SharedAsync();
        return await server.CreateDatabaseAsync();
    }

    /// <summary>A server of the caller's own, already running.</summary>
    public static async Task<PostgresServer> StartAsync()
    {
        var server = new PostgresServer(FindBin());
        server.PrepareFolder();
        await server.AsPostgresAsync(
            "initdb",
            "-D",
            server.DataDir,
            "-U",
            "postgres",
            "-A",
            "trust",
            "--no-sync",
            "-E",
            "UTF8"
        );
        await server.StartServerAsync();
        return server;
    }

    /// <summary>A connection string to the server's administrative database.</summary>
    public string ConnectionString(string database = "postgres") =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = "postgres",
            Database = database,
            // Tests drop and recreate servers: a pooled connection to a stopped one must not linger.
            Pooling = false,
        }.ConnectionString;

    public async Task<string> CreateDatabaseAsync()
    {
        var name = "nc_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await create.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    /// <summary>Stops the server at once, as a crash or a lost network would look to its clients.</summary>
    public Task StopAsync() =>
        AsPostgresAsync("pg_ctl", "-D", DataDir, "-m", "immediate", "-w", "stop");

    /// <summary>Starts the stopped server again on the same port with the same data.</summary>
    public Task StartServerAsync() =>
        AsPostgresAsync(
            "pg_ctl",
            "-D",
            DataDir,
            "-l",
            Path.Combine(_dir.Path, "server.log"),
            "-o",
            $"-p {Port} -k {_dir.Path} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=300",
            "-w",
            "-t",
            "60",
            "start"
        );

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }
        _dir.Dispose();
    }

    private void PrepareFolder()
    {
        if (!Environment.IsPrivilegedProcess)
            return;
        // The folder is root's; the server runs as postgres and must own it.
        Run("chown", ["postgres:postgres", _dir.Path]);
    }

    private Task AsPostgresAsync(string tool, params string[] args)
    {
        var program = Path.Combine(_bin, tool);
        if (Environment.IsPrivilegedProcess)
            return Task.Run(() => Run("runuser", ["-u", "postgres", "--", program, .. args]));
        return Task.Run(() => Run(program, args));
    }

    private static void Run(string program, string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = "/",
        };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"{program} {string.Join(' ', args)} exited {process.ExitCode}: {stderr}{stdout.Result}"
            );
    }

    private static string FindBin()
    {
        var versions = Directory.Exists("/usr/lib/postgresql")
            ? Directory
                .GetDirectories("/usr/lib/postgresql")
                .Where(d => File.Exists(Path.Combine(d, "bin", "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .ToList()
            : [];
        if (versions.Count > 0)
            return Path.Combine(versions[0], "bin");
        var initdb = RequireTool.OnPath(
            "initdb",
            "apt-get install postgresql; see .ci/setup-postgres.sh"
        );
        return Path.GetDirectoryName(initdb)!;
    }
}
