namespace NanoClaw.Admin;

/// <summary>What a cancel request did (<see cref="RunCancellation"/>); <see cref="Detail"/> carries the ended status or the other node.</summary>
internal sealed record RunCancelOutcome(RunCancelResult Result, string? Detail = null);
