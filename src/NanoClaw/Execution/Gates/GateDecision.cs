using System.Text.Json;
using System.Text.Json.Nodes;

namespace NanoClaw.Execution.Gates;

/// <summary>
/// What a gate printed: <c>{"wake": true|false, "data": …}</c>, either as its whole stdout (so
/// <c>jq</c>'s pretty output works) or as its last non-empty line (so it may log before deciding).
/// </summary>
internal sealed record GateDecision(bool Wake, JsonNode? Data)
{
    /// <returns>The decision, or null with <paramref name="error"/> saying what was wrong.</returns>
    public static GateDecision? Parse(string stdout, bool isTruncated, out string? error)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        var whole = stdout.Trim();
        var lastLine = whole.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.Length > 0);
        if (((isTruncated ? null : TryObject(whole)) ?? TryObject(lastLine)) is not { } decision)
        {
            error = lastLine is null
                ? "the gate printed nothing; it must print {\"wake\": true|false, \"data\": …} on stdout"
                : $"the gate printed no decision: its stdout must end with a JSON object {{\"wake\": true|false, \"data\": …}}, but its last line is '{Shorten(lastLine)}'"
                    + (
                        isTruncated
                            ? " (its output was longer than a run record keeps: print the decision last, on one line)"
                            : ""
                    );
            return null;
        }
        if (decision["wake"] is not JsonValue wake || !wake.TryGetValue(out bool isAwake))
        {
            error =
                $"the gate's decision needs \"wake\": true or false, but it printed '{Shorten(decision.ToJsonString())}'";
            return null;
        }
        error = null;
        return new GateDecision(isAwake, decision["data"]?.DeepClone());
    }

    private static JsonObject? TryObject(string? text)
    {
        if (text is null || !text.StartsWith('{'))
            return null;
        try
        {
            var parsed = JsonNode.Parse(text) as JsonObject;
            // Reading a property builds the object: a repeated name fails here, not later.
            _ = parsed?["wake"];
            return parsed;
        }
        catch (Exception ex)
            when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
