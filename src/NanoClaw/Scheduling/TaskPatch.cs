using System.Text.Json.Nodes;
using NanoClaw.Jobs;

namespace NanoClaw.Scheduling;

/// <summary>
/// A change to a stored task (an agent's <c>update_task</c>, the admin API's
/// <c>PATCH /api/tasks/{id}</c>, the dashboard's edit form): the fields to change, laid over the
/// stored task in the jobs file's shape. A new schedule replaces the old one, <c>command</c> replaces <c>prompt</c> and the
/// other way round, and a field set to null goes back to its default.
/// </summary>
internal static class TaskPatch
{
    private static readonly string[] Schedules = ["cron", "interval", "once"];
    private static readonly string[] Work = ["command", "prompt"];

    public static JsonObject Apply(TaskDefinition stored, JsonObject patch)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(patch);
        if (Text(patch, "id") is { } id && id != stored.Id)
            throw new TaskPatchException(
                "id",
                $"'id' cannot be changed ('{stored.Id}'); remove the task and create a new one"
            );
        if (Text(patch, "group") is { } group && group != stored.Group)
            throw new TaskPatchException(
                "group",
                $"'group' cannot be changed ('{stored.Group}'); remove the task and create it in the other group"
            );
        var body = (JsonObject)JsonNode.Parse(DefinitionJson.Serialize(stored))!;
        // Stored facts, not task fields: the patch cannot name them, and the parser does not know them.
        body.Remove("source");
        body.Remove("createdBy");
        if (Schedules.Any(patch.ContainsKey))
        {
            foreach (var name in Schedules)
                body.Remove(name);
            body.Remove("timeZone");
        }
        if (Work.Any(patch.ContainsKey))
            foreach (var name in Work)
                body.Remove(name);
        foreach (var (name, value) in patch)
        {
            if (value is null)
                body.Remove(name);
            else
                body[name] = value.DeepClone();
        }
        return body;
    }

    private static string? Text(JsonObject node, string name) =>
        node[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
