using System.Globalization;

namespace NanoClaw.Runs;

/// <summary>
/// Where a page of runs ends: the start time and id of its last run, the order of run history. Its
/// text form (<c>&lt;unix ms&gt;.&lt;id&gt;</c>) travels in a page's "older" link.
/// </summary>
public readonly record struct RunCursor(long StartedAtMs, string Id)
{
    public static RunCursor After(RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new(run.StartedAt.ToUnixTimeMilliseconds(), run.Id);
    }

    public override string ToString() =>
        StartedAtMs.ToString(CultureInfo.InvariantCulture) + "." + Id;

    /// <summary>Null for anything that is not a cursor this type wrote.</summary>
    public static RunCursor? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 200)
            return null;
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (
            dot <= 0
            || dot == text.Length - 1
            || !long.TryParse(
                text.AsSpan(0, dot),
                NumberStyles.None,
                CultureInfo.InvariantCulture,
                out var ms
            )
        )
            return null;
        return new RunCursor(ms, text[(dot + 1)..]);
    }
}
