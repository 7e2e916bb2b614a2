using System.Text.Json;
using System.Text.Json.Nodes;

namespace NanoClaw.Tests.TestSupport;

/// <summary>Builds jobs.json text for tests without hand-escaping shell commands.</summary>
public sealed class JobsJsonBuilder
{
    private readonly JsonObject _groups = [];
    private readonly JsonArray _tasks = [];

    public JobsJsonBuilder Group(
        string name,
        bool isMain = false,
        string mode = "host",
        object? extra = null
    )
    {
        var group = new JsonObject { ["isMain"] = isMain, ["executionMode"] = mode };
        Merge(group, extra);
        _groups[name] = group;
        return this;
    }

    /// <summary>A task handing <paramref name="prompt"/> to the configured agent command.</summary>
    public JobsJsonBuilder PromptTask(string id, string group, string prompt, object? extra = null)
    {
        var task = new JsonObject
        {
            ["id"] = id,
            ["group"] = group,
            ["prompt"] = prompt,
        };
        Merge(task, extra);
        _tasks.Add(task);
        return this;
    }

    private static void Merge(JsonObject target, object? extra)
    {
        if (extra is null)
            return;
        foreach (var (key, value) in JsonSerializer.SerializeToNode(extra)!.AsObject())
            target[key] = value?.DeepClone();
    }

    /// <summary>A task running <c>sh -c <paramref name="script"/></c>; <paramref name="extra"/> adds schedule and options.</summary>
    public JobsJsonBuilder ShellTask(string id, string group, string script, object? extra = null)
    {
        var task = new JsonObject
        {
            ["id"] = id,
            ["group"] = group,
            ["command"] = new JsonArray("sh", "-c", script),
        };
        Merge(task, extra);
        _tasks.Add(task);
        return this;
    }

    public override string ToString() =>
        new JsonObject
        {
            ["groups"] = _groups.DeepClone(),
            ["tasks"] = _tasks.DeepClone(),
        }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    public static string Instant(DateTimeOffset at) =>
        at.ToUniversalTime()
            .ToString(
                "yyyy-MM-dd'T'HH:mm:ss'Z'",
                System.Globalization.CultureInfo.InvariantCulture
            );
}
