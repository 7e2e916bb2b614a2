using System.Text;
using System.Text.Json.Nodes;
using NanoClaw.Jobs.Loading;

namespace NanoClaw.Admin;

/// <summary>
/// A task object written one field a line, so that a problem's line names the field it is about
/// (the checker reports places, not field names): line 2 is the first field.
/// </summary>
internal sealed record TaskBodyText(string Json, IReadOnlyList<string> Fields)
{
    public static TaskBodyText Write(JsonObject task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var text = new StringBuilder("{\n");
        var fields = new List<string>();
        foreach (var (name, value) in task)
        {
            if (fields.Count > 0)
                text.Append(",\n");
            text.Append(JsonValue.Create(name).ToJsonString())
                .Append(": ")
                .Append(value?.ToJsonString() ?? "null");
            fields.Add(name);
        }
        text.Append("\n}");
        return new TaskBodyText(text.ToString(), fields);
    }

    /// <summary>The field on a problem's line, else the known field its message quotes first, else null.</summary>
    public string? FieldAt(int line, string message)
    {
        if (line >= 2 && line - 2 < Fields.Count)
            return Fields[line - 2];
        return TaskReader
            .Known.Select(name =>
                (name, at: message.IndexOf($"'{name}'", StringComparison.Ordinal))
            )
            .Where(found => found.at >= 0)
            .OrderBy(found => found.at)
            .Select(found => found.name)
            .FirstOrDefault();
    }
}
