namespace NanoClaw.Jobs.Cron;

/// <summary>One field of a cron expression: its name in messages, its range, and its three-letter names.</summary>
internal sealed record CronField(string Name, int Min, int Max, IReadOnlyList<string> Names)
{
    public static readonly CronField Second = new("second", 0, 59, []);
    public static readonly CronField Minute = new("minute", 0, 59, []);
    public static readonly CronField Hour = new("hour", 0, 23, []);
    public static readonly CronField DayOfMonth = new("day-of-month", 1, 31, []);

    public static readonly CronField Month = new(
        "month",
        1,
        12,
        ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
    );

    /// <summary>crontab(5): 0 and 7 are both Sunday.</summary>
    public static readonly CronField DayOfWeek = new(
        "day-of-week",
        0,
        7,
        ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]
    );

    /// <summary>Quartz numbers the week from 1 = Sunday to 7 = Saturday.</summary>
    public static readonly CronField QuartzDayOfWeek = new(
        "day-of-week",
        1,
        7,
        ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]
    );

    public static readonly CronField Year = new("year", 1970, 2199, []);

    /// <summary>The value a name stands for (names start at <see cref="Min"/>, Quartz's week at 1).</summary>
    public int? ValueOfName(string text)
    {
        for (var i = 0; i < Names.Count; i++)
        {
            if (string.Equals(Names[i], text, StringComparison.OrdinalIgnoreCase))
                return i + (Min == 0 ? 0 : 1);
        }
        return null;
    }
}
