using System.Globalization;
using System.Text.RegularExpressions;

namespace NanoClaw.Configuration;

/// <summary>
/// The one way NanoClaw reads a duration, in settings, the jobs file and CLI options alike:
/// <c>hh:mm:ss</c> or <c>d.hh:mm:ss</c>, optionally with a fraction of a second. .NET's own
/// <see cref="TimeSpan.Parse(string)"/> reads a bare <c>600</c> as 600 days and <c>25:00:00</c> as
/// 25 days, which is never what anyone meant, so both are refused here.
/// </summary>
internal static partial class DurationText
{
    public const string Hint = "use hh:mm:ss, e.g. 00:10:00, or d.hh:mm:ss for a day or more";

    /// <summary>
    /// The longest timeout a run, a grace period or a client call may have: .NET timers (which
    /// enforce them) take at most 2^32-2 ms, about 49.7 days.
    /// </summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromDays(49);

    /// <summary>
    /// Reads <paramref name="text"/>; on failure <paramref name="error"/> says why in words meant to
    /// follow the setting's name (<c>'600' is not a duration; use hh:mm:ss, e.g. 00:10:00</c>).
    /// </summary>
    public static bool TryParse(string? text, out TimeSpan value, out string? error)
    {
        if (!TryParseSigned(text, out value))
        {
            error = $"'{text}' is not a duration; {Hint}";
            return false;
        }
        if (value < TimeSpan.Zero)
        {
            value = default;
            error = $"'{text}' is negative; a duration is never below 00:00:00";
            return false;
        }
        error = null;
        return true;
    }

    /// <summary>The shape alone, a leading minus allowed, for callers that word a negative value themselves.</summary>
    public static bool TryParseSigned(string? text, out TimeSpan value)
    {
        value = default;
        var trimmed = text?.Trim() ?? "";
        // Zero of any unit is zero: the one bare number that cannot be misread ("0 keeps runs forever").
        if (trimmed == "0")
            return true;
        var negative = trimmed.StartsWith('-');
        var body = negative ? trimmed[1..] : trimmed;
        if (
            !Shape().IsMatch(body)
            || !TimeSpan.TryParseExact(body, "c", CultureInfo.InvariantCulture, out value)
        )
            return false;
        if (negative)
            value = value.Negate();
        return true;
    }

    /// <summary>Reads and bounds a duration; the error names the bound that was broken.</summary>
    public static bool TryParse(
        string? text,
        TimeSpan minimum,
        TimeSpan? maximum,
        out TimeSpan value,
        out string? error
    )
    {
        if (!TryParse(text, out value, out error))
            return false;
        error = Bounds(text, value, minimum, maximum);
        return error is null;
    }

    /// <summary>Null when <paramref name="value"/> lies within the bounds, else why not.</summary>
    public static string? Bounds(string? text, TimeSpan value, TimeSpan minimum, TimeSpan? maximum)
    {
        if (value < minimum)
            return $"'{text}' is too short; use at least {minimum:c}";
        if (value > maximum)
            return $"'{text}' is too long; use at most {maximum.Value:c}";
        return null;
    }

    // Days are optional; hours, minutes and seconds are not, so "10:00" (ten hours or ten minutes?) is refused.
    [GeneratedRegex(@"\A(\d{1,8}\.)?\d{1,2}:\d{2}:\d{2}(\.\d{1,7})?\z")]
    private static partial Regex Shape();
}
