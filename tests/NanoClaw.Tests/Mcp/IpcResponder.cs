using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace NanoClaw.Tests.Mcp;

/// <summary>
/// The daemon's side of the IPC protocol, as the README describes it, reduced to what the client
/// needs: picks up <c>requests/*.json</c> (ignoring other names), answers through
/// <c>responses/&lt;id&gt;.json</c> written under another name and renamed, and removes the request.
/// </summary>
public sealed class IpcResponder : IAsyncDisposable
{
    private readonly string _ipcDir;
    private readonly Func<JsonObject, JsonObject?> _answer;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    /// <param name="ipcDir">The IPC folder, as NANOCLAW_IPC_DIR names it.</param>
    /// <param name="answer">The answer to a request (without its id); null answers nothing.</param>
    /// <param name="rawAnswer">Instead of JSON, this text is written as the answer (a broken daemon).</param>
    public IpcResponder(
        string ipcDir,
        Func<JsonObject, JsonObject?> answer,
        string? rawAnswer = null
    )
    {
        _ipcDir = ipcDir;
        _answer = answer;
        RawAnswer = rawAnswer;
        Directory.CreateDirectory(Path.Combine(ipcDir, "requests"));
        Directory.CreateDirectory(Path.Combine(ipcDir, "responses"));
        _loop = Task.Run(LoopAsync);
    }

    public string? RawAnswer { get; }

    /// <summary>Every request read, in order.</summary>
    public ConcurrentQueue<JsonObject> Requests { get; } = new();

    /// <summary>Names seen in requests/ that the responder ignored (temporary files).</summary>
    public ConcurrentBag<string> Partial { get; } = [];

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            foreach (var path in Directory.GetFiles(Path.Combine(_ipcDir, "requests")))
            {
                if (!path.EndsWith(".json", StringComparison.Ordinal))
                {
                    Partial.Add(Path.GetFileName(path));
                    continue;
                }
                var request = (JsonObject)JsonNode.Parse(await File.ReadAllTextAsync(path))!;
                Requests.Enqueue(request);
                var id = (string)request["id"]!;
                var answer = _answer(request);
                if (answer is not null || RawAnswer is not null)
                {
                    var text = RawAnswer ?? WithId(id, answer!).ToJsonString();
                    var temporary = Path.Combine(_ipcDir, "responses", $".{id}.tmp");
                    await File.WriteAllTextAsync(temporary, text);
                    File.Move(temporary, Path.Combine(_ipcDir, "responses", $"{id}.json"));
                    File.Delete(path);
                }
            }
            try
            {
                await Task.Delay(20, _stop.Token);
            }
            catch (OperationCanceledException) { }
        }
    }

    private static JsonObject WithId(string id, JsonObject answer)
    {
        var copy = (JsonObject)answer.DeepClone();
        copy["id"] = id;
        return copy;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
