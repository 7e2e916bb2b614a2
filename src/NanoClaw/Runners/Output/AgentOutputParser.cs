using System.Text.Json;
using NanoClaw.Jobs;

namespace NanoClaw.Runners.Output;

/// <summary>Turns what a run printed into its structured <see cref="AgentOutput"/>, by the group's output format.</summary>
internal static class AgentOutputParser
{
    /// <returns>The output, or null with <paramref name="note"/> saying why a block was not used.</returns>
    public static AgentOutput? Parse(
        OutputFormat format,
        string? sentinelJson,
        string stdoutTail,
        out string? note
    )
    {
        note = null;
        return format switch
        {
            OutputFormat.Sentinel when sentinelJson is not null => FromSentinel(
                sentinelJson,
                out note
            ),
            OutputFormat.ClaudeJson => FromClaudeJson(stdoutTail, out note),
            _ => null,
        };
    }

    private static AgentOutput? FromSentinel(string json, out string? note)
    {
        note = null;
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var status = root.ValueKind == JsonValueKind.Object ? Text(root, "status") : null;
            if (status is not ("success" or "error"))
            {
                note =
                    "the structured output block has no \"status\" of \"success\" or \"error\"; it was ignored";
                return null;
            }
            return new AgentOutput
            {
                Status = status,
                Result =
                    root.TryGetProperty("result", out var result)
                    && result.ValueKind != JsonValueKind.Null
                        ? result.Clone()
                        : null,
                NewSessionId = Text(root, "newSessionId"),
                Error = Text(root, "error"),
                Retry = root.TryGetProperty("retry", out var retry)
                    ? retry.ValueKind switch
                    {
                        JsonValueKind.False => false,
                        JsonValueKind.True => true,
                        _ => null,
                    }
                    : null,
            };
        }
        catch (JsonException ex)
        {
            note = $"the structured output block is not valid JSON ({ex.Message}); it was ignored";
            return null;
        }
    }

    /// <summary><c>claude -p … --output-format json</c> prints one object: result, session_id, is_error.</summary>
    private static AgentOutput? FromClaudeJson(string stdout, out string? note)
    {
        note = null;
        var text = stdout.Trim();
        var start = text.LastIndexOf("\n{", StringComparison.Ordinal) is var line and >= 0
            ? line + 1
            : text.IndexOf('{', StringComparison.Ordinal);
        if (start < 0)
        {
            note = "no Claude JSON result was printed";
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(text[start..]);
            var root = document.RootElement;
            var isError =
                root.TryGetProperty("is_error", out var flag)
                && flag.ValueKind == JsonValueKind.True;
            var result = root.TryGetProperty("result", out var value)
                ? value.Clone()
                : (JsonElement?)null;
            return new AgentOutput
            {
                Status = isError ? "error" : "success",
                Result = result,
                NewSessionId = Text(root, "session_id"),
                Error = isError ? (Text(root, "result") ?? "the agent reported an error") : null,
            };
        }
        catch (JsonException ex)
        {
            note = $"the Claude JSON result could not be read ({ex.Message})";
            return null;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
