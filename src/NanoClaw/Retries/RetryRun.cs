namespace NanoClaw.Retries;

/// <summary>
/// A retry waiting in the scheduler: a one-shot trigger of the group's job carries it, so it queues
/// behind the group like any firing and survives a restart. The run id is chosen when it is
/// scheduled, so the failed run's log can name the run that retries it.
/// </summary>
internal sealed record RetryRun
{
    public required string RunId { get; init; }
    public required string TaskId { get; init; }

    /// <summary>2 for the first retry.</summary>
    public required int Attempt { get; init; }

    /// <summary>The first run of the firing.</summary>
    public required string RetryOf { get; init; }

    public required DateTimeOffset DueAt { get; init; }
}
