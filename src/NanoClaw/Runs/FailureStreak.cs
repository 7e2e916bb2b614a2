namespace NanoClaw.Runs;

/// <summary>
/// A task whose newest run failed or timed out: that run (its output left out), how many of its
/// newest runs in a row did (counted up to the limit asked for) and when the first of them started.
/// </summary>
public sealed record FailureStreak(RunRecord Latest, int Failures, DateTimeOffset Since);
