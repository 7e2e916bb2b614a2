using System.Text.Json.Nodes;

namespace NanoClaw.Agents.Ipc;

/// <summary>The answers of contract §5: <c>{"id","ok":true,…}</c> or <c>{"id","ok":false,"error"}</c>.</summary>
internal static class IpcAnswer
{
    public static string Ok(string id, string name, JsonNode? value) =>
        new JsonObject
        {
            ["id"] = id,
            ["ok"] = true,
            [name] = value,
        }.ToJsonString();

    public static string Error(string id, string error) =>
        new JsonObject
        {
            ["id"] = id,
            ["ok"] = false,
            ["error"] = error,
        }.ToJsonString();
}
