using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace NanoClaw.Agents.Ipc;

/// <summary>
/// Carries out one request file of a group, once: read it safely, refuse or act, answer, and only
/// then remove it. Every refusal is answered where the request's id is known and always logged
/// with the group.
/// </summary>
internal sealed class IpcProcessor(
    AgentTaskActions actions,
    IpcJournal journal,
    ILogger<IpcProcessor> logger
)
{
    /// <summary>
    /// How long a request that is not valid JSON is left alone first: it may be a writer that did
    /// not rename, caught halfway. Seen for longer, it is refused.
    /// </summary>
    public static readonly TimeSpan PartialGrace = TimeSpan.FromSeconds(2);

    private const int MaxRemembered = 10_000;

    private readonly ConcurrentDictionary<string, DateTime> _firstInvalid = new(
        StringComparer.Ordinal
    );
    private readonly HashSet<string> _stuck = new(StringComparer.Ordinal);

    /// <summary>Handles <paramref name="name"/>; false when it was left for a later pass.</summary>
    public async Task<bool> ProcessAsync(
        IpcFolder folder,
        AgentCaller caller,
        string name,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(caller);
        var key = caller.Name + "/" + name;
        var read = folder.Read(name);
        if (read.IsGone)
            return true;
        if (read.Refusal is { } reason)
        {
            // A folder with something in it cannot be removed: the agent's to clear; logged once.
            if (!_stuck.Contains(key))
                logger.LogWarning(
                    "IPC request {Request} of group {Group} refused unread: {Reason}",
                    name,
                    caller.Name,
                    reason
                );
            if (folder.Remove(name, read.IsFolder))
            {
                _stuck.Remove(key);
                return true;
            }
            if (_stuck.Count < MaxRemembered)
                _stuck.Add(key);
            return false;
        }

        var content = read.Content!.Value;
        var parsed = IpcRequestParser.Parse(content);
        if (parsed.Request is not { } request)
        {
            if (parsed.IsSyntaxError && IsWithinGrace(key))
                return false;
            _firstInvalid.TryRemove(key, out _);
            Refuse(caller, name, parsed.Id, parsed.Error!);
            if (parsed.Id is { } id)
                TryAnswer(folder, caller, id, IpcAnswer.Error(id, parsed.Error!));
            folder.Remove(name, false);
            return true;
        }
        _firstInvalid.TryRemove(key, out _);

        var answer = await AnswerAsync(
            caller,
            name,
            request,
            Hash(content.Span),
            cancellationToken
        );
        TryAnswer(folder, caller, request.Id, answer);
        folder.Remove(name, false);
        return true;
    }

    private async Task<string> AnswerAsync(
        AgentCaller caller,
        string name,
        IpcRequest request,
        string hash,
        CancellationToken cancellationToken
    )
    {
        var entry = await journal.FindAsync(caller.Name, request.Id, cancellationToken);
        if (entry is not null && entry.Hash != hash)
        {
            var error =
                $"the id '{request.Id}' was used by another request of group '{caller.Name}' (ids are remembered for {IpcService.JournalRetention.TotalHours:0} hours); give every request its own id";
            Refuse(caller, name, request.Id, error);
            return IpcAnswer.Error(request.Id, error);
        }
        if (entry is { IsAnswered: true, Answer: { } stored })
            return stored;
        if (entry is null)
            await journal.BeginAsync(caller.Name, request.Id, hash, cancellationToken);
        string answer;
        try
        {
            answer = await actions.ExecuteAsync(
                caller,
                request,
                entry,
                prepared =>
                    journal.PrepareAsync(caller.Name, request.Id, prepared, cancellationToken),
                cancellationToken
            );
            logger.LogInformation(
                "IPC request {RequestId} of group {Group}: {Action} {TaskId} done",
                request.Id,
                caller.Name,
                request.Action,
                request.TaskId ?? ""
            );
        }
        catch (IpcRefusedException ex)
        {
            Refuse(caller, name, request.Id, ex.Message);
            answer = IpcAnswer.Error(request.Id, ex.Message);
        }
        await journal.CompleteAsync(caller.Name, request.Id, answer, cancellationToken);
        return answer;
    }

    private void TryAnswer(IpcFolder folder, AgentCaller caller, string id, string answer)
    {
        try
        {
            folder.Answer(id, answer);
        }
        catch (IOException ex)
        {
            // The journal keeps the answer: the same request sent again gets it.
            logger.LogError(
                "IPC request {RequestId} of group {Group}: the answer could not be written: {Reason}",
                id,
                caller.Name,
                ex.Message
            );
        }
    }

    private void Refuse(AgentCaller caller, string name, string? id, string reason) =>
        logger.LogWarning(
            "IPC request {Request} (id {RequestId}) of group {Group} refused: {Reason}",
            name,
            id ?? "unknown",
            caller.Name,
            reason
        );

    private bool IsWithinGrace(string key)
    {
        var now = DateTime.UtcNow;
        if (_firstInvalid.Count >= MaxRemembered)
            _firstInvalid.Clear();
        var first = _firstInvalid.GetOrAdd(key, now);
        return now - first < PartialGrace;
    }

    private static string Hash(ReadOnlySpan<byte> content) =>
        Convert.ToHexStringLower(SHA256.HashData(content));
}
