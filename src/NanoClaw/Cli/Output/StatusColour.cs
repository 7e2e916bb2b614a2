namespace NanoClaw.Cli.Output;

/// <summary>
/// Colours a status word for a terminal (<see cref="OutputStyle.UseColour"/>): failures red,
/// success green, what waits or was stopped yellow. Nothing else is coloured.
/// </summary>
internal static class StatusColour
{
    private const string Reset = "\u001b[0m";

    /// <summary>The escape that starts the colour of <paramref name="word"/>, or null for none.</summary>
    public static string? Of(string word) =>
        word switch
        {
            "succeeded" => "\u001b[32m",
            "failed" or "timed_out" => "\u001b[31m",
            "interrupted" or "cancelled" or "queued" or "skipped" => "\u001b[33m",
            "running" => "\u001b[36m",
            _ when word.StartsWith("paused", StringComparison.Ordinal) => "\u001b[33m",
            _ => null,
        };

    /// <summary>
    /// <paramref name="cell"/> (already escaped and padded) with its status word coloured: the whole
    /// cell, or its last word (<c>2026-12-02 09:00:00 failed</c>). Padding stays outside the colour.
    /// </summary>
    public static string Apply(string cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        if (!OutputStyle.UseColour)
            return cell;
        var text = cell.TrimEnd();
        var padding = cell[text.Length..];
        if (Of(text) is { } whole)
            return whole + text + Reset + padding;
        var space = text.LastIndexOf(' ');
        if (space >= 0 && Of(text[(space + 1)..]) is { } last)
            return text[..(space + 1)] + last + text[(space + 1)..] + Reset + padding;
        return cell;
    }
}
