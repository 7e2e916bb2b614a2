using NanoClaw.Runs;

namespace NanoClaw.Runners;

/// <summary>How a run ended, as a runner saw it.</summary>
public sealed record RunOutcome
{
    public required RunStatus Status { get; init; }
    public int? ExitCode { get; init; }
    public CapturedOutput Stdout { get; init; } = CapturedOutput.Empty;
    public CapturedOutput Stderr { get; init; } = CapturedOutput.Empty;

    /// <summary>The structured output the agent printed, if any.</summary>
    public AgentOutput? Agent { get; init; }

    /// <summary>Why the run failed when the process itself could not say (spawn error, timeout, missing runtime).</summary>
    public string? Error { get; init; }

    public required DateTimeOffset StartedAt { get; init; }
    public required DateTimeOffset FinishedAt { get; init; }
}
