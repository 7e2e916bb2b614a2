using NanoClaw.Jobs;
using NanoClaw.Runs;

namespace NanoClaw.Execution;

/// <summary>What a firing asks for, read from its trigger and job: a task run or an ad hoc command.</summary>
internal sealed record RunPlan
{
    public required string RunId { get; init; }
    public required GroupDefinition Group { get; init; }

    /// <summary>The task being run; null for <c>exec</c>.</summary>
    public TaskDefinition? Task { get; init; }

    /// <summary>For <c>exec</c>: the command; for a task, its own command or prompt applies.</summary>
    public IReadOnlyList<string>? Command { get; init; }

    public ExecutionMode? ModeOverride { get; init; }
    public TimeSpan? TimeoutOverride { get; init; }
    public required RunTrigger Trigger { get; init; }
    public required DateTimeOffset ScheduledAt { get; init; }

    /// <summary>The firing this run carries out (<see cref="RunRecord.FiringId"/>); the same across its recoveries.</summary>
    public string FiringId { get; init; } = "";

    /// <summary>Which run of its firing this is (<see cref="RunRecord.Attempt"/>).</summary>
    public int Attempt { get; init; } = 1;

    /// <summary>For a retry: the first run of its firing (<see cref="RunRecord.RetryOf"/>).</summary>
    public string? RetryOf { get; init; }
}
