using Quartz;

namespace NanoClaw.Jobs.Cron;

/// <summary>
/// A task's <c>cron</c>, read once: a 5-field crontab line (or alias), evaluated by NanoClaw as cronie
/// does, or a 6/7-field Quartz expression (seconds first, 1 = Sunday), evaluated by Quartz.
/// </summary>
internal sealed class TaskCron
{
    private TaskCron(string text, CrontabSchedule? crontab, string? quartz, string? warning)
    {
        Text = text;
        Crontab = crontab;
        QuartzExpression = quartz;
        Warning = warning;
    }

    /// <summary>As written (trimmed).</summary>
    public string Text { get; }

    /// <summary>Set for a 5-field line or alias.</summary>
    public CrontabSchedule? Crontab { get; }

    /// <summary>Set for a 6/7-field expression.</summary>
    public string? QuartzExpression { get; }

    /// <summary>Valid, but worth saying (a numbered Quartz day-of-week), in the same words as errors.</summary>
    public string? Warning { get; }

    /// <exception cref="CronSyntaxException">The expression cannot be used; the message says why.</exception>
    public static TaskCron Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var text = expression.Trim();
        try
        {
            var fields = (CrontabParser.ExpandAlias(text) ?? text).Split(
                (char[]?)null,
                StringSplitOptions.RemoveEmptyEntries
            );
            return fields.Length switch
            {
                5 => new TaskCron(text, CrontabParser.Parse(fields), null, null),
                6 or 7 => new TaskCron(
                    text,
                    null,
                    QuartzCronCheck.Check(fields),
                    QuartzCronCheck.DayOfWeekWarning(fields) is { } w ? $"cron '{text}': {w}" : null
                ),
                0 => throw new CronSyntaxException("is empty"),
                _ => throw new CronSyntaxException(
                    $"has {fields.Length} field{(fields.Length == 1 ? "" : "s")}: use 5 (min hour day-of-month month day-of-week) or 6-7 (Quartz, with seconds first)"
                ),
            };
        }
        catch (CronSyntaxException ex)
        {
            throw new CronSyntaxException($"cron '{text}': {ex.Message}");
        }
    }

    public static TaskCron? TryParse(string expression, out string? error)
    {
        try
        {
            error = null;
            return Parse(expression);
        }
        catch (CronSyntaxException ex)
        {
            error = ex.Message;
            return null;
        }
    }

    /// <summary>The first fire time strictly after <paramref name="after"/> in <paramref name="zone"/>.</summary>
    public DateTimeOffset? NextAfter(TimeZoneInfo zone, DateTimeOffset after)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (Crontab is not null)
            return CrontabOccurrences.NextAfter(Crontab, zone, after);
        return new CronExpression(QuartzExpression!, zone).GetNextValidTimeAfter(after);
    }

    /// <summary>The next <paramref name="count"/> fire times after <paramref name="after"/> (fewer if it stops).</summary>
    public IReadOnlyList<DateTimeOffset> Next(TimeZoneInfo zone, DateTimeOffset after, int count)
    {
        var result = new List<DateTimeOffset>(Math.Max(0, count));
        for (var at = after; result.Count < count && NextAfter(zone, at) is { } next; at = next)
            result.Add(next);
        return result;
    }
}
