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

    /// <summary>
    /// The first field holding a NUL character (<c>command[2]</c> for an argument), or null. A NUL
    /// cannot pass through an argv or a file name; refused here rather than cut short somewhere below.
    /// </summary>
    public string? FindNul()
    {
        if (HasNul(Group))
            return "group";
        if (HasNul(Mode))
            return "mode";
        if (HasNul(Timeout))
            return "timeout";
        for (var i = 0; i < (Command?.Count ?? 0); i++)
        {
            if (HasNul(Command![i]))
                return $"command[{i}]";
        }
        return null;
    }

    private static bool HasNul(string? value) =>
        value?.Contains('\0', StringComparison.Ordinal) == true;
}
