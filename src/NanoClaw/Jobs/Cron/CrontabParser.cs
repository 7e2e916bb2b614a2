namespace NanoClaw.Jobs.Cron;

/// <summary>Reads a 5-field crontab line or one of cronie's aliases (crontab(5)).</summary>
internal static class CrontabParser
{
    private static readonly Dictionary<string, string> Aliases = new(
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

    public static IReadOnlyCollection<string> AliasNames => Aliases.Keys;

    /// <summary>The fields of an alias, or null when <paramref name="text"/> is not an alias.</summary>
    public static string? ExpandAlias(string text)
    {
        if (!text.StartsWith('@'))
            return null;
        if (string.Equals(text, "@reboot", StringComparison.OrdinalIgnoreCase))
            throw new CronSyntaxException(
                "@reboot is not supported: a daemon cannot tell a boot from its own restart (use 'once', or trigger the task from a boot script)"
            );
        return Aliases.TryGetValue(text, out var fields)
            ? fields
            : throw new CronSyntaxException(
                $"unknown alias '{text}' (use one of {string.Join(", ", Aliases.Keys)})"
            );
    }

    public static CrontabSchedule Parse(IReadOnlyList<string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var daysOfWeek = CrontabFieldParser.Parse(fields[4], CronField.DayOfWeek);
        if ((daysOfWeek & (1UL << 7)) != 0)
            daysOfWeek = (daysOfWeek | 1UL) & ~(1UL << 7);
        var schedule = new CrontabSchedule
        {
            Minutes = CrontabFieldParser.Parse(fields[0], CronField.Minute),
            Hours = CrontabFieldParser.Parse(fields[1], CronField.Hour),
            DaysOfMonth = CrontabFieldParser.Parse(fields[2], CronField.DayOfMonth),
            Months = CrontabFieldParser.Parse(fields[3], CronField.Month),
            DaysOfWeek = daysOfWeek,
            // cronie looks at the first character only: '*/2' is unrestricted, '1,*' would be too.
            IsEitherDay = !fields[2].StartsWith('*') && !fields[4].StartsWith('*'),
            IsFixedTime = !fields[0].StartsWith('*') && !fields[1].StartsWith('*'),
        };
        if (NeverFires(schedule) is { } reason)
            throw new CronSyntaxException($"never fires: {reason}");
        return schedule;
    }

    /// <summary>
    /// Only the day-of-month and month fields can rule out every day: any date falls on every week
    /// day sooner or later, and when both day fields are restricted a week day alone matches.
    /// </summary>
    private static string? NeverFires(CrontabSchedule schedule) =>
        schedule.IsEitherDay ? null : ImpossibleDates.Reason(schedule.Months, schedule.DaysOfMonth);
}
