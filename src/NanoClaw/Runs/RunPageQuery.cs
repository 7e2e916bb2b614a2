namespace NanoClaw.Runs;

/// <summary>
/// One page of run history, newest first: every filter is optional, and <see cref="Before"/> continues
/// after the last run of the previous page (keyset paging: a page deep in a big history costs what
/// the first one does, and runs written meanwhile never shift a page).
/// </summary>
public sealed record RunPageQuery
{
    public const int MaxLimit = 500;

    public string? TaskId { get; init; }
    public string? Group { get; init; }
    public RunStatus? Status { get; init; }
    public RunTrigger? Trigger { get; init; }

    /// <summary>Only runs started (or queued) at or after this.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Only runs started (or queued) before this.</summary>
    public DateTimeOffset? To { get; init; }

    public RunCursor? Before { get; init; }
    public int Limit { get; init; } = 50;
}
