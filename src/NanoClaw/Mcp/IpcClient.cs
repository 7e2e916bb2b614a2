using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NanoClaw.Mcp;

/// <summary>
/// The calling side of the IPC protocol (README, "Agents that schedule"): writes a request into
/// <c>requests/</c> atomically, waits for <c>responses/&lt;id&gt;.json</c>, removes the answer and
/// returns it. Used by <c>nanoclaw mcp</c> and by the reference agent, inside a run.
/// </summary>
internal sealed class IpcClient
{
    public const string DirVariable = "NANOCLAW_IPC_DIR";

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    // Bind mounts (containers, the host sandbox) may not deliver inotify events: polling is the floor.
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    // An answer is a task or a task list; anything far larger is not an answer from the daemon.
    private const int MaxAnswerBytes = 16 * 1024 * 1024;

    private readonly TimeSpan _timeout;

    public IpcClient(string ipcDir, TimeSpan timeout)
    {
        ArgumentException.ThrowIfNullOrEmpty(ipcDir);
        IpcDir = ipcDir;
        _timeout = timeout;
    }

    public string IpcDir { get; }

    public string RequestsDir => Path.Combine(IpcDir, "requests");

    public string ResponsesDir => Path.Combine(IpcDir, "responses");

    /// <summary>The client of the run this process is part of, from <c>NANOCLAW_IPC_DIR</c>.</summary>
    /// <exception cref="IpcException">The variable is missing, relative, or not a folder.</exception>
    public static IpcClient FromEnvironment(TimeSpan timeout)
    {
        var dir = Environment.GetEnvironmentVariable(DirVariable);
        if (string.IsNullOrEmpty(dir))
            throw new IpcException(
                $"{DirVariable} is not set: this talks to the NanoClaw daemon through the IPC folder NanoClaw gives each run, so it must run inside a NanoClaw run (a task's agent or command), which sets {DirVariable}"
            );
        if (!Path.IsPathFullyQualified(dir))
            throw new IpcException($"{DirVariable} must be an absolute path, not '{dir}'");
        if (!Directory.Exists(dir))
            throw new IpcException(
                $"{DirVariable} is '{dir}', which is not a folder: is this process running inside a NanoClaw run?"
            );
        return new IpcClient(dir, timeout);
    }

    /// <summary>Sends one request and returns the daemon's <c>"ok": true</c> answer.</summary>
    /// <param name="action">One of the protocol's actions (<c>schedule_task</c>, …).</param>
    /// <param name="fields">The action's fields besides <c>id</c> and <c>action</c>.</param>
    /// <param name="cancellationToken">Stops waiting; the request stays for the daemon.</param>
    /// <exception cref="IpcRefusedException">The daemon refused, with its reason.</exception>
    /// <exception cref="IpcException">No usable answer arrived in time.</exception>
    public async Task<JsonObject> SendAsync(
        string action,
        JsonObject fields,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(fields);
        var id = NewId();
        var request = new JsonObject { ["id"] = id, ["action"] = action };
        foreach (var (name, value) in fields)
            request[name] = value?.DeepClone();

        Directory.CreateDirectory(RequestsDir);
        Directory.CreateDirectory(ResponsesDir);
        var answerPath = Path.Combine(ResponsesDir, $"{id}.json");
        using var arrived = new SemaphoreSlim(0);
        // Watching starts before the request exists, so an answer cannot slip in unseen.
        using var watcher = Watch(ResponsesDir, $"{id}.json", arrived);
        await WriteRequestAsync(id, request, cancellationToken);

        var deadline = DateTime.UtcNow + _timeout;
        while (true)
        {
            if (File.Exists(answerPath))
                return ReadAnswer(id, answerPath);
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
                throw new IpcException(
                    $"the NanoClaw daemon did not answer request {id} ({action}) within {_timeout.TotalSeconds:0.#} s: it answers within a second while it runs, so it is probably stopped. The request stays in {RequestsDir} and is carried out when the daemon starts; check with list_tasks before sending it again"
                );
            await arrived.WaitAsync(left < PollInterval ? left : PollInterval, cancellationToken);
        }
    }

    /// <summary>Written under a name the daemon ignores, then renamed: it never reads half a request.</summary>
    private async Task WriteRequestAsync(
        string id,
        JsonObject request,
        CancellationToken cancellationToken
    )
    {
        var temporary = Path.Combine(RequestsDir, $".{id}.tmp");
        var final = Path.Combine(RequestsDir, $"{id}.json");
        try
        {
            await using (
                var file = new FileStream(
                    temporary,
                    FileMode.CreateNew,
                    FileAccess.Write,
                    FileShare.None
                )
            )
            {
                await file.WriteAsync(
                    Encoding.UTF8.GetBytes(request.ToJsonString()),
                    cancellationToken
                );
                // On disk before it is visible, so a crash cannot leave a named but empty request.
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, final, overwrite: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw new IpcException(
                $"the request could not be written to {RequestsDir}: {ex.Message}"
            );
        }
    }

    private static JsonObject ReadAnswer(string id, string path)
    {
        byte[] bytes;
        try
        {
            using (var file = new FileStream(path, FileMode.Open, FileAccess.Read))
            {
                if (file.Length > MaxAnswerBytes)
                    throw new IpcException(
                        $"the answer {path} is {file.Length} bytes, more than the {MaxAnswerBytes} an answer may have"
                    );
                bytes = new byte[file.Length];
                file.ReadExactly(bytes);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IpcException($"the answer {path} could not be read: {ex.Message}");
        }
        // Collected: the answers folder does not fill up with answers somebody already has.
        TryDelete(path);

        JsonObject answer;
        try
        {
            answer =
                JsonNode.Parse(bytes) as JsonObject
                ?? throw new IpcException($"the answer to request {id} is not a JSON object");
        }
        catch (JsonException ex)
        {
            throw new IpcException($"the answer to request {id} is not valid JSON: {ex.Message}");
        }
        if (answer["ok"] is not JsonValue ok || !ok.TryGetValue(out bool isOk))
            throw new IpcException(
                $"the answer to request {id} has no \"ok\": true or false: {answer.ToJsonString()}"
            );
        if (!isOk)
            throw new IpcRefusedException(
                (answer["error"] as JsonValue)?.TryGetValue(out string? error) == true
                    ? error!
                    : $"the daemon refused request {id} without a reason"
            );
        return answer;
    }

    private static FileSystemWatcher? Watch(string folder, string name, SemaphoreSlim arrived)
    {
        try
        {
            var watcher = new FileSystemWatcher(folder, name);
            watcher.Created += (_, _) => arrived.Release();
            watcher.Renamed += (_, _) => arrived.Release();
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception ex)
            when (ex is IOException or ArgumentException or PlatformNotSupportedException)
        {
            // No inotify left (or none on this file system): polling alone still answers.
            return null;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
    }

    /// <summary>Unique without coordination, and within the protocol's <c>[A-Za-z0-9_-]{1,64}</c>.</summary>
    private static string NewId() =>
        $"req-{DateTime.UtcNow:yyyyMMddHHmmss}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}";
}
