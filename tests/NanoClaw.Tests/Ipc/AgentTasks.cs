using System.Net.Http.Json;
using System.Text.Json.Nodes;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Ipc;

/// <summary>The tasks as the admin API lists them: what an operator sees after an agent acted.</summary>
internal static class AgentTasks
{
    public static async Task<JsonArray> ListAsync(Workspace workspace)
    {
        using var http = AdminHttp.For(workspace);
        return (
            await http.GetFromJsonAsync<JsonArray>(
                "api/tasks",
                TestContext.Current.CancellationToken
            )
        )!;
    }

    public static async Task<JsonObject?> FindAsync(Workspace workspace, string id) =>
        (await ListAsync(workspace))
            .Select(t => t!.AsObject())
            .FirstOrDefault(t => t["id"]!.GetValue<string>() == id);

    /// <summary>Ids of all tasks with their group, source and state, in one comparable string.</summary>
    public static async Task<string> SnapshotAsync(Workspace workspace) =>
        string.Join(
            "; ",
            (await ListAsync(workspace))
                .Select(t => t!.AsObject())
                .Select(t =>
                    $"{t["id"]}@{t["group"]}:{t["source"]}:{t["state"]}:{t["schedule"]}:{t["definition"]?["env"]?.ToJsonString()}:{t["definition"]?["timeout"]}"
                )
                .Order(StringComparer.Ordinal)
        );
}
