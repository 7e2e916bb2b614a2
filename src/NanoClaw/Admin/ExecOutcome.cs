namespace NanoClaw.Admin;

/// <summary>
/// An ad hoc run queued (<see cref="Run"/>), or why not: <see cref="Field"/> names the request field
/// at fault, <see cref="IsUnknownGroup"/> tells a group that is not there from bad input.
/// </summary>
internal sealed record ExecOutcome
{
    public QueuedRunView? Run { get; init; }

    public string? Field { get; init; }

    public string? Error { get; init; }

    public bool IsUnknownGroup { get; init; }
}
