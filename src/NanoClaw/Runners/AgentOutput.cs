using System.Text.Json;

namespace NanoClaw.Runners;

/// <summary>The agent's structured output: <c>{"status","result","newSessionId","error","retry"}</c>.</summary>
public sealed record AgentOutput
{
    /// <summary><c>success</c> or <c>error</c>.</summary>
    public required string Status { get; init; }

    public JsonElement? Result { get; init; }
    public string? NewSessionId { get; init; }
    public string? Error { get; init; }

    /// <summary><c>"retry": false</c> asks that this failed run not be retried (README "Retries"); null when not said.</summary>
    public bool? Retry { get; init; }

    public bool IsError => string.Equals(Status, "error", StringComparison.Ordinal);
}
