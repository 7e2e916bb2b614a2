namespace NanoClaw.Text;

/// <summary>
/// "Did you mean": the known names closest to a mistyped one, for unknown task ids, commands,
/// settings and jobs-file fields. A name is close when a few edits turn one into the other, or (for
/// <see cref="For"/>) when one contains the other.
/// </summary>
internal static class NameSuggestions
{
    private const int MaxShown = 3;

    public static IReadOnlyList<string> For(string typed, IEnumerable<string> known)
    {
        ArgumentNullException.ThrowIfNull(typed);
        ArgumentNullException.ThrowIfNull(known);
        var lower = typed.ToLowerInvariant();
        // Two edits for ordinary names; fewer for very short ones, where two edits reach anything.
        var allowed = Math.Min(2, Math.Max(1, lower.Length / 3));
        return
        [
            .. known
                .Distinct(StringComparer.Ordinal)
                .Select(k => (Name: k, Distance: Distance(lower, k.ToLowerInvariant())))
                .Where(k =>
                    k.Distance <= allowed
                    || lower.Length >= 3
                        && k.Name.Contains(lower, StringComparison.OrdinalIgnoreCase)
                )
                .OrderBy(k => k.Distance)
                .ThenBy(k => k.Name, StringComparer.Ordinal)
                .Take(MaxShown)
                .Select(k => k.Name),
        ];
    }

    /// <summary>" Did you mean 'a' or 'b'?" or "" when nothing is close.</summary>
    public static string Phrase(string typed, IEnumerable<string> known)
    {
        var close = For(typed, known);
        return close.Count == 0
            ? ""
            : " Did you mean " + string.Join(" or ", close.Select(n => $"'{n}'")) + "?";
    }

    /// <summary>
    /// The one closest known name within a few typing mistakes, or null. Short names tolerate fewer
    /// mistakes, or every two-letter typo would "mean" something.
    /// </summary>
    public static string? Closest(string name, IEnumerable<string> known, int maxEdits = 3)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(known);
        var lower = name.ToLowerInvariant();
        var allowed = Math.Clamp(name.Length / 3, 1, maxEdits);
        return known
            .Select(k => (Name: k, Distance: Distance(lower, k.ToLowerInvariant())))
            .Where(c => c.Distance <= allowed)
            .OrderBy(c => c.Distance)
            .Select(c => c.Name)
            .FirstOrDefault();
    }

    /// <summary>Levenshtein distance, with a swap of two neighbours counted as one edit.</summary>
    public static int Distance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
            d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++)
            d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        for (var j = 1; j <= b.Length; j++)
        {
            var cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
        }
        return d[a.Length, b.Length];
    }
}
