using System.Text.Json;
using System.Text.Json.Nodes;

namespace NanoClaw.Tests.TestSupport;

/// <summary>Builds jobs.json text for tests without hand-escaping shell commands.</summary>
public sealed class JobsJsonBuilder
{
    private readonly JsonObject _groups = [];
    private readonly JsonArray _tasks = [];

    public JobsJsonBuilder Group(string name, bool isMain = false, string mode = "host")
    {
        _groups[name] = new JsonObject { ["isMain"] = isMain, ["executionMode"] = mode };
        return this;
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
        if (extra is not null)
        {
            foreach (var (key, value) in JsonSerializer.SerializeToNode(extra)!.AsObject())
                task[key] = value?.DeepClone();
        }
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
