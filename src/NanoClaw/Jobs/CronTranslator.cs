using Quartz;

namespace NanoClaw.Jobs;

/// <summary>
/// A task's cron in Quartz syntax: 5-field Unix (with <c>@daily</c>-style macros) is rewritten by
/// Quartz's own Unix dialect reader; 6/7-field Quartz expressions pass through once they parse.
/// </summary>
public static class CronTranslator
{
    private static readonly Dictionary<string, string> Macros = new(
        StringComparer.OrdinalIgnoreCase
    )
    {
        ["@yearly"] = "0 0 1 1 *",
        ["@annually"] = "0 0 1 1 *",
        ["@monthly"] = "0 0 1 * *",
        ["@weekly"] = "0 0 * * 0",
        ["@daily"] = "0 0 * * *",
        ["@midnight"] = "0 0 * * *",
        ["@hourly"] = "0 * * * *",
    };

    /// <summary>The Quartz expression, or null with <paramref name="error"/> saying what is wrong.</summary>
    public static string? Translate(string expression, out string? error)
    {
        ArgumentNullException.ThrowIfNull(expression);
        error = null;
        var text = expression.Trim();
        if (text.StartsWith('@'))
        {
            if (!Macros.TryGetValue(text, out var expanded))
            {
                error =
                    $"unknown cron macro '{text}' (use one of {string.Join(", ", Macros.Keys)})";
                return null;
            }
            text = expanded;
        }

        var fields = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length is >= 5 and <= 7 && CronFieldRanges.Check(fields) is { } outOfRange)
        {
            error = $"cron '{expression}' is not valid: {outOfRange}";
            return null;
        }
        try
        {
            switch (fields.Length)
            {
                case 5
                    when IsStarStep(fields[2]) && IsRestricted(fields[4])
                        || IsStarStep(fields[4]) && IsRestricted(fields[2]):
                    // Both day fields restricted fire on either (Quartz unions them, as crontab(5) does),
                    // but Vixie cron counts a '*/n' field as unrestricted and needs both: too easy to misread.
                    error =
                        $"cron '{expression}' combines day-of-month '{fields[2]}' and day-of-week '{fields[4]}', which cron implementations "
                        + "read differently: restrict one day field only, or write both without '*' (then a day matching either fires)";
                    return null;
                case 5:
                    return CronExpression
                        .Parse(string.Join(' ', fields), CronFormat.Unix)
                        .CronExpressionString;
                case 6 or 7:
                    return CronExpression
                        .Parse(string.Join(' ', fields), CronFormat.Quartz)
                        .CronExpressionString;
                default:
                    error =
                        $"cron '{expression}' has {fields.Length} fields: use 5 (Unix: min hour dom month dow) or 6-7 (Quartz, with seconds)";
                    return null;
            }
        }
        catch (FormatException ex)
        {
            error = $"cron '{expression}' is not valid: {ex.Message}";
            return null;
        }
    }

    private static bool IsRestricted(string field) => field is not ("*" or "?");

    private static bool IsStarStep(string field) =>
        field.StartsWith("*/", StringComparison.Ordinal);
}
