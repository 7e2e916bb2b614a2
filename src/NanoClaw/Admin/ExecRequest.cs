namespace NanoClaw.Admin;

/// <summary>The body of <c>POST /api/exec</c>: an ad hoc command in a group.</summary>
internal sealed record ExecRequest
{
    public string? Group { get; init; }
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary><c>host</c> or <c>container</c>; the group's mode when absent.</summary>
    public string? Mode { get; init; }

    /// <summary><c>hh:mm:ss</c>; the group's timeout when absent.</summary>
    public string? Timeout { get; init; }
}
