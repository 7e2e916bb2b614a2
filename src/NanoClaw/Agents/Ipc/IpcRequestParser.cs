using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using NanoClaw.Jobs.Loading;

namespace NanoClaw.Agents.Ipc;

/// <summary>
/// Reads a request file's bytes into an <see cref="IpcRequest"/>, or says every problem with it. Its
/// content is the agent's: it is never echoed into a message, only described.
/// </summary>
internal static partial class IpcRequestParser
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 32 };

    public static IpcParseResult Parse(ReadOnlyMemory<byte> content)
    {
        // The parser checks UTF-8 only where it decodes (a string's content is decoded when read).
        if (!System.Text.Unicode.Utf8.IsValid(content.Span))
            return new IpcParseResult(
                null,
                RecoverId(content.Span),
                "the request is not valid UTF-8",
                IsSyntaxError: true
            );
        JsonDocument document;
        try
        {
            // Strict UTF-8: the parser refuses invalid sequences rather than replacing them.
            document = JsonDocument.Parse(content, DocumentOptions);
        }
        catch (JsonException ex)
        {
            return new IpcParseResult(
                null,
                RecoverId(content.Span),
                $"the request is not valid JSON (UTF-8) at line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}",
                IsSyntaxError: true
            );
        }
        using (document)
            return Read(document.RootElement);
    }

    /// <summary>Whether <paramref name="id"/> may name an answer file: contract §5's id rule.</summary>
    public static bool IsValidId(string id) => IdRule().IsMatch(id);

    private static IpcParseResult Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
            return new IpcParseResult(
                null,
                null,
                $"a request must be a JSON object, not {Kind(root)}"
            );
        var problems = new List<string>();
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            if (!fields.TryAdd(property.Name, property.Value))
                problems.Add($"'{Shown(property.Name)}' is given twice");
        }

        var id = fields.GetValueOrDefault("id") is { ValueKind: JsonValueKind.String } idValue
            ? idValue.GetString()!
            : null;
        if (id is null)
            problems.Add("'id' is required: a string matching [A-Za-z0-9_-]{1,64}");
        else if (!IsValidId(id))
        {
            problems.Add("'id' must match [A-Za-z0-9_-]{1,64} (it names the answer file)");
            id = null;
        }

        var action = fields.GetValueOrDefault("action") is { ValueKind: JsonValueKind.String } a
            ? a.GetString()!
            : null;
        if (action is null || !IpcActions.Fields.TryGetValue(action, out var allowed))
        {
            problems.Add(
                $"'action' must be one of {string.Join(", ", IpcActions.Fields.Keys)}"
                    + (action is null ? "" : $", not '{Shown(action)}'")
            );
            return new IpcParseResult(null, id, string.Join("; ", problems));
        }

        foreach (var name in fields.Keys.Where(n => n is not ("id" or "action")))
            if (!allowed.Required.Contains(name) && !allowed.Optional.Contains(name))
                problems.Add($"'{Shown(name)}' is not a field of {action}");
        foreach (var name in allowed.Required.Where(n => !fields.ContainsKey(n)))
            problems.Add($"{action} needs '{name}'");

        var group = StringField(fields, "group", problems);
        if (group is not null && !Names.IsValid(group))
            problems.Add($"'group' must be a group name ({Names.Pattern})");
        var taskId = StringField(fields, "taskId", problems);
        if (taskId is not null && !Names.IsValid(taskId))
            problems.Add($"'taskId' must be a task id ({Names.Pattern})");
        string? taskJson = null;
        if (fields.TryGetValue("task", out var task))
        {
            if (task.ValueKind == JsonValueKind.Object)
                taskJson = task.GetRawText();
            else
                problems.Add(
                    $"'task' must be an object (a task as in the jobs file), not {Kind(task)}"
                );
        }

        return problems.Count > 0 || id is null
            ? new IpcParseResult(null, id, string.Join("; ", problems))
            : new IpcParseResult(
                new IpcRequest
                {
                    Id = id,
                    Action = action,
                    Group = group,
                    TaskId = taskId,
                    TaskJson = taskJson,
                },
                id,
                null
            );
    }

    private static string? StringField(
        Dictionary<string, JsonElement> fields,
        string name,
        List<string> problems
    )
    {
        if (!fields.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind == JsonValueKind.String)
            return value.GetString();
        problems.Add($"'{name}' must be a string, not {Kind(value)}");
        return null;
    }

    /// <summary>
    /// The id of a request that is not valid JSON (cut short, or with a stray byte), so the agent
    /// still hears why it was refused. Taken only where it is safe as a file name.
    /// </summary>
    private static string? RecoverId(ReadOnlySpan<byte> content)
    {
        var text = Encoding.UTF8.GetString(content);
        // The first: a request names its own id before its task's.
        var match = RecoverableId().Match(text);
        return match.Success ? match.Groups[1].Value : null;
    }

    private static string Kind(JsonElement value) =>
        value.ValueKind switch
        {
            JsonValueKind.Array => "an array",
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            JsonValueKind.Null => "null",
            _ => "an object",
        };

    /// <summary>A name from the request, cut short and stripped of control characters, fit for a message.</summary>
    private static string Shown(string text)
    {
        var clean = new string([.. text.Take(64).Select(c => char.IsControl(c) ? '?' : c)]);
        return text.Length > 64 ? clean + "…" : clean;
    }

    // \A and \z: .NET's $ also matches before a final newline.
    [GeneratedRegex(@"\A[A-Za-z0-9_-]{1,64}\z")]
    private static partial Regex IdRule();

    [GeneratedRegex(@"""id""\s*:\s*""([A-Za-z0-9_-]{1,64})""")]
    private static partial Regex RecoverableId();
}
