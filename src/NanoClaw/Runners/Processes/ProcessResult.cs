namespace NanoClaw.Runners.Processes;

/// <summary>What became of a <see cref="ProcessSpec"/>.</summary>
internal sealed record ProcessResult
{
    public int? ExitCode { get; init; }
    public bool IsTimedOut { get; init; }
    public bool IsCancelled { get; init; }

    /// <summary>Why the process could not be started at all.</summary>
    public string? StartError { get; init; }

    /// <summary>Why the run's log could not be written: the run was stopped there and then.</summary>
    public string? OutputError { get; init; }

    public CapturedOutput Stdout { get; init; } = CapturedOutput.Empty;
    public CapturedOutput Stderr { get; init; } = CapturedOutput.Empty;

    /// <summary>The last sentinel block's JSON text, if the format reads one.</summary>
    public string? SentinelJson { get; init; }

    public bool IsSentinelOversized { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required DateTimeOffset FinishedAt { get; init; }
}
