using System.Text.Json;
using System.Text.Json.Nodes;

namespace NanoClaw.Benchmarks.Support;

/// <summary>Builds jobs.json for the scenarios: host-mode groups and tasks with an argv command.</summary>
public sealed class JobsFileText
{
    private readonly JsonObject _groups = [];
    private readonly JsonArray _tasks = [];

    public JobsFileText Group(string name, string executionMode = "host")
    {
        _groups[name] = new JsonObject { ["executionMode"] = executionMode };
        return this;
    }

    /// <summary>A task; <c>schedule</c> is e.g. <c>("interval", "01:00:00")</c> or <c>("cron", "* * * * * ?")</c>.</summary>
    public JobsFileText Task(
        string id,
        string group,
        (string Field, string Value) schedule,
        params string[] command
    )
    {
        _tasks.Add(
            new JsonObject
            {
                ["id"] = id,
                ["group"] = group,
                [schedule.Field] = schedule.Value,
                ["command"] = new JsonArray([.. command.Select(c => JsonValue.Create(c))]),
            }
        );
        return this;
    }

    public override string ToString() =>
        new JsonObject
        {
            ["groups"] = _groups.DeepClone(),
            ["tasks"] = _tasks.DeepClone(),
        }.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
}
