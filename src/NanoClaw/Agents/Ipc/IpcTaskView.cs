using System.Text.Json;
using System.Text.Json.Nodes;
using NanoClaw.Admin;
using NanoClaw.Jobs;

namespace NanoClaw.Agents.Ipc;

/// <summary>A task in an answer: what <c>nanoclaw tasks --json</c> shows of it, in the jobs file's JSON shape.</summary>
internal static class IpcTaskView
{
    /// <remarks>
    /// The values of an operator's task env are the operator's (a key for one task is not for every
    /// run of its group): a non-main agent sees their names only.
    /// </remarks>
    public static JsonNode From(TaskView view, AgentCaller caller)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(caller);
        var node = JsonSerializer.SerializeToNode(view, JobsJson.Options)!;
        if (
            !caller.IsMain
            && view.Definition is { Source: not TaskSource.Agent, Env.Count: > 0 } definition
            && node["definition"] is JsonObject shown
        )
        {
            var hidden = new JsonObject();
            foreach (var name in definition.Env.Keys)
                hidden[name] = "(hidden)";
            shown["env"] = hidden;
        }
        return node;
    }
}
