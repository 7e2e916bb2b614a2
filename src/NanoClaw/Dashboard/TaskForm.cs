using System.Text.Json.Nodes;

namespace NanoClaw.Dashboard;

/// <summary>
/// The task form's fields and their text, to and from a task in the jobs file's shape. The command
/// is one argument a line, taken as typed (never split on spaces, never given to a shell); the
/// environment is one <c>NAME=VALUE</c> a line; an empty field means the default. README, "Dashboard".
/// </summary>
internal static class TaskForm
{
    public static readonly string[] Fields =
    [
        "id",
        "group",
        "cron",
        "timeZone",
        "interval",
        "once",
        "command",
        "prompt",
        "executionMode",
        "timeout",
        "misfire",
        "contextMode",
        "description",
        "env",
        "enabled",
    ];

    private static readonly string[] Schedule = ["cron", "timeZone", "interval", "once"];
    private static readonly string[] Work = ["command", "prompt"];

    /// <summary>A stored task's fields as the form shows them.</summary>
    public static Dictionary<string, string> ValuesOf(JsonObject task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var values = Fields.ToDictionary(f => f, _ => "", StringComparer.Ordinal);
        foreach (var name in Fields)
        {
            values[name] = task[name] switch
            {
                null => name == "enabled" ? "true" : "",
                JsonArray argv => string.Join('\n', argv.Select(a => a?.GetValue<string>())),
                JsonObject env => string.Join(
                    '\n',
                    env.Select(pair => $"{pair.Key}={pair.Value?.GetValue<string>()}")
                ),
                JsonValue value when value.TryGetValue<bool>(out var flag) => flag
                    ? "true"
                    : "false",
                JsonValue value => value.ToString(),
                _ => "",
            };
        }
        return values;
    }

    /// <summary>The posted fields, line ends made <c>\n</c> (browsers send <c>\r\n</c> from a text area).</summary>
    public static Dictionary<string, string> ValuesOf(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var values = Fields.ToDictionary(
            f => f,
            f => form[f].ToString().Replace("\r\n", "\n", StringComparison.Ordinal),
            StringComparer.Ordinal
        );
        // An unticked box is not sent at all.
        values["enabled"] = form["enabled"].ToString() == "true" ? "true" : "false";
        return values;
    }

    /// <summary>A new task: the fields filled in.</summary>
    public static JsonObject ToTask(
        IReadOnlyDictionary<string, string> values,
        IDictionary<string, string> errors
    )
    {
        ArgumentNullException.ThrowIfNull(values);
        var task = new JsonObject();
        foreach (var name in Fields)
        {
            if (ToJson(name, values[name], errors) is { } value)
                task[name] = value;
        }
        return task;
    }

    /// <summary>
    /// A change: only the fields that differ from the stored ones, so that whatever the form does not
    /// show or the user left alone stays exactly as it is. A changed schedule field sends the whole
    /// schedule, a changed command or prompt both (the other cleared), an emptied field null.
    /// </summary>
    public static JsonObject ToPatch(
        IReadOnlyDictionary<string, string> values,
        IReadOnlyDictionary<string, string> stored,
        IDictionary<string, string> errors
    )
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(stored);
        // A browser drops one line break at the start of a text box: a prompt that begins with
        // one comes back without it, untouched.
        bool Changed(string name) =>
            values[name] != stored[name]
            && !(stored[name].StartsWith('\n') && values[name] == stored[name][1..]);
        var names = Fields
            .Where(n => n is not ("id" or "group") && Changed(n))
            .ToHashSet(StringComparer.Ordinal);
        if (Schedule.Any(names.Contains))
            names.UnionWith(Schedule);
        if (Work.Any(names.Contains))
            names.UnionWith(Work);
        var patch = new JsonObject();
        foreach (var name in Fields.Where(names.Contains))
            patch[name] = ToJson(name, values[name], errors);
        return patch;
    }

    private static JsonNode? ToJson(string name, string text, IDictionary<string, string> errors)
    {
        switch (name)
        {
            case "enabled":
                return text == "true" ? null : JsonValue.Create(false);
            case "command":
                var lines = text.Split('\n').ToList();
                // The line break after the last argument is not one more, empty, argument.
                while (lines.Count > 0 && lines[^1].Length == 0)
                    lines.RemoveAt(lines.Count - 1);
                return lines.Count == 0
                    ? null
                    : new JsonArray([.. lines.Select(l => (JsonNode?)JsonValue.Create(l))]);
            case "env":
                var env = new JsonObject();
                foreach (var line in text.Split('\n').Where(l => l.Length > 0))
                {
                    var equals = line.IndexOf('=', StringComparison.Ordinal);
                    if (equals <= 0)
                        errors[name] = $"'{line}' must be NAME=VALUE (one a line)";
                    else
                        env[line[..equals]] = line[(equals + 1)..];
                }
                return env.Count == 0 ? null : env;
            default:
                return text.Length == 0 ? null : JsonValue.Create(text);
        }
    }
}
