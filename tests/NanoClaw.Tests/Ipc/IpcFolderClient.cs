using System.Text.Json;
using System.Text.Json.Nodes;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Ipc;

/// <summary>
/// Writes requests into a group's IPC folder and reads the answers, as an agent of that group would
/// (from the host side: <c>&lt;DataDirectory&gt;/ipc/&lt;group&gt;</c>).
/// </summary>
internal sealed class IpcFolderClient
{
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(20);

    public IpcFolderClient(Workspace workspace, string group)
    {
        Dir = workspace.Combine("data", "ipc", group);
        Directory.CreateDirectory(RequestsDir);
        Directory.CreateDirectory(ResponsesDir);
    }

    public string Dir { get; }
    public string RequestsDir => Path.Combine(Dir, "requests");
    public string ResponsesDir => Path.Combine(Dir, "responses");

    public string ResponsePath(string id) => Path.Combine(ResponsesDir, id + ".json");

    /// <summary>Writes the request atomically (another name, then rename), as contract §5 asks.</summary>
    public void Send(object request, string? name = null)
    {
        var json = request as string ?? JsonSerializer.Serialize(request);
        var temporary = Path.Combine(RequestsDir, $".{Guid.NewGuid():N}.tmp");
        File.WriteAllText(temporary, json);
        name ??= JsonNode.Parse(json)!["id"]!.GetValue<string>();
        File.Move(temporary, Path.Combine(RequestsDir, name + ".json"));
    }

    /// <summary>Writes raw bytes under <paramref name="name"/> directly, as a careless or hostile agent would.</summary>
    public void WriteRaw(string name, byte[] content) =>
        File.WriteAllBytes(Path.Combine(RequestsDir, name), content);

    public async Task<JsonObject> AnswerAsync(string id, TimeSpan? timeout = null)
    {
        var path = ResponsePath(id);
        await Eventually.TrueAsync(
            () => File.Exists(path),
            timeout ?? AnswerTimeout,
            $"no answer {path}; requests left: {string.Join(", ", Directory.GetFileSystemEntries(RequestsDir).Select(Path.GetFileName))}"
        );
        return JsonNode.Parse(await File.ReadAllTextAsync(path))!.AsObject();
    }

    public async Task<JsonObject> AskAsync(object request, TimeSpan? timeout = null)
    {
        var json = request as string ?? JsonSerializer.Serialize(request);
        var id = JsonNode.Parse(json)!["id"]!.GetValue<string>();
        // An agent collects its answers: a new request under a used id gets a new answer file.
        File.Delete(ResponsePath(id));
        Send(json);
        return await AnswerAsync(id, timeout);
    }

    /// <summary>Waits until the daemon removed every request (it does after answering or refusing).</summary>
    public Task RequestsGoneAsync(TimeSpan? timeout = null) =>
        Eventually.TrueAsync(
            () =>
                !Directory
                    .EnumerateFileSystemEntries(RequestsDir)
                    .Any(p => Path.GetFileName(p).EndsWith(".json", StringComparison.Ordinal)),
            timeout ?? AnswerTimeout,
            $"requests were left in {RequestsDir}"
        );

    public static void AssertRefused(JsonObject answer, string expectedInError)
    {
        Assert.False(
            answer["ok"]!.GetValue<bool>(),
            $"expected a refusal: {answer.ToJsonString()}"
        );
        Assert.Contains(
            expectedInError,
            answer["error"]!.GetValue<string>(),
            StringComparison.Ordinal
        );
    }

    public static JsonObject AssertOk(JsonObject answer)
    {
        Assert.True(answer["ok"]!.GetValue<bool>(), $"expected ok: {answer.ToJsonString()}");
        return answer;
    }
}
