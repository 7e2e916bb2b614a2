using System.Text.Json;
using NanoClaw.Jobs;

namespace NanoClaw.Runs;

/// <summary>One run as the contract's run record describes it (<c>runs --json</c>).</summary>
public sealed record RunRecord
{
    public required string Id { get; init; }

    /// <summary>Null for <c>exec</c> runs.</summary>
    public string? TaskId { get; init; }

    public required string Group { get; init; }
    public required ExecutionMode Mode { get; init; }
    public required RunTrigger Trigger { get; init; }
    public required RunStatus Status { get; init; }
    public int? ExitCode { get; init; }
    public required DateTimeOffset ScheduledAt { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public long? DurationMs { get; init; }

    /// <summary>The agent's structured result, any JSON value.</summary>
    public JsonElement? Result { get; init; }

    public string Stdout { get; init; } = "";
    public string Stderr { get; init; } = "";
    public bool StdoutTruncated { get; init; }
    public bool StderrTruncated { get; init; }
    public string? Error { get; init; }
    public required string Node { get; init; }

    /// <summary>Where the run's full output is logged (<c>groups/&lt;group&gt;/logs/…</c>).</summary>
    public string? LogPath { get; init; }

    /// <summary>Which run of its firing this is: 1 for the first, 2 for its first retry (README "Retries").</summary>
    public int Attempt { get; init; } = 1;

    /// <summary>For a retry: the id of the first run of its firing; null otherwise.</summary>
    public string? RetryOf { get; init; }

    /// <summary>
    /// The firing this run carried out: its trigger and scheduled time, or the ad hoc run it was
    /// queued as. A recovery of a firing that already finished finds it here and runs nothing.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? FiringId { get; init; }

    /// <summary>
    /// The prompt the run was handed, as its task defined it when the run started (a later edit of
    /// the task does not change it); null for command and <c>exec</c> runs.
    /// </summary>
    public string? Prompt { get; init; }

    /// <summary>The agent session the run was handed to continue (<c>contextMode: group</c>); null when it started afresh.</summary>
    public string? SessionId { get; init; }

    /// <summary>The session the agent's structured output named (<c>newSessionId</c>), if any.</summary>
    public string? NewSessionId { get; init; }

    /// <summary>
    /// False for runs recorded before runs kept their prompt and session: for those, a null
    /// <see cref="Prompt"/> means "not known", not "no prompt".
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsInputRecorded { get; init; } = true;
}
