namespace NanoClaw.Jobs.Cron;

/// <summary>
/// A parsed 5-field crontab line: the values each field matches, and the two distinctions cronie
/// draws from how the fields were written (not from what they match).
/// </summary>
internal sealed class CrontabSchedule
{
    public required ulong Minutes { get; init; }
    public required ulong Hours { get; init; }
    public required ulong DaysOfMonth { get; init; }
    public required ulong Months { get; init; }

    /// <summary>Bits 0-6, Sunday = 0 (a written 7 is folded into 0).</summary>
    public required ulong DaysOfWeek { get; init; }

    /// <summary>
    /// Both day fields are restricted (neither starts with <c>*</c>): a day matching EITHER fires.
    /// Otherwise a day must match both. A whole-week field such as <c>0-7</c> is still restricted.
    /// </summary>
    public required bool IsEitherDay { get; init; }

    /// <summary>
    /// Neither the minute nor the hour field starts with <c>*</c>: a "fixed-time" job, which cronie
    /// treats apart from "wildcard" jobs when the clocks change.
    /// </summary>
    public required bool IsFixedTime { get; init; }

    public bool MatchesDay(DateTime day)
    {
        if ((Months & (1UL << day.Month)) == 0)
            return false;
        var dom = (DaysOfMonth & (1UL << day.Day)) != 0;
        var dow = (DaysOfWeek & (1UL << (int)day.DayOfWeek)) != 0;
        return IsEitherDay ? dom || dow : dom && dow;
    }

    public bool MatchesTime(int hour, int minute) =>
        (Hours & (1UL << hour)) != 0 && (Minutes & (1UL << minute)) != 0;

    public bool Matches(DateTime wallClock) =>
        MatchesTime(wallClock.Hour, wallClock.Minute) && MatchesDay(wallClock);
}
