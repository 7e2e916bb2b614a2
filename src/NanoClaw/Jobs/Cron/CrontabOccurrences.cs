namespace NanoClaw.Jobs.Cron;

/// <summary>
/// When a 5-field crontab line fires in a time zone, as cronie runs it (see the README, "Cron"):
/// fire times are wall-clock minutes; where the clocks change,
/// <list type="bullet">
/// <item>a fixed-time job (neither minute nor hour field starting with <c>*</c>) whose times the clocks
/// skip runs once for each of them right after the change, one second apart, after the run of the
/// minute the clocks land on if that matches too;</item>
/// <item>a fixed-time job whose time the clocks repeat runs the first time only;</item>
/// <item>a wildcard job follows the clock as it reads: nothing for skipped times, both passes of
/// repeated ones.</item>
/// </list>
/// </summary>
internal static class CrontabOccurrences
{
    // A day matching both day fields can be rare (29 February on a Monday comes every 28 years or
    // so, 40 across a century that skips a leap year); past that there is none.
    private const int SearchDays = 366 * 45;

    private static readonly TimeSpan OneMinute = TimeSpan.FromMinutes(1);

    /// <summary>The first fire time strictly after <paramref name="after"/>, or null if none.</summary>
    public static DateTimeOffset? NextAfter(
        CrontabSchedule schedule,
        TimeZoneInfo zone,
        DateTimeOffset after
    )
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(zone);
        var afterUtc = after.UtcDateTime;
        if (afterUtc > DateTime.MaxValue.AddDays(-SearchDays - 3))
            return null;
        var first =
            afterUtc < DateTime.MinValue.AddDays(3)
                ? DateTime.MinValue.AddDays(2)
                : DateTime.SpecifyKind(
                    TimeZoneInfo.ConvertTimeFromUtc(afterUtc, zone).Date.AddDays(-1),
                    DateTimeKind.Unspecified
                );
        DateTime? best = null;
        DateTime? bestDay = null;
        for (var day = first; day < first.AddDays(SearchDays); day = day.AddDays(1))
        {
            // A later day can still give an earlier instant when the clocks jump across midnight.
            if (bestDay is { } found && day > found.AddDays(1))
                break;
            if (!schedule.MatchesDay(day))
                continue;
            var candidate = IsClean(zone, day)
                ? FirstOnCleanDay(schedule, zone, day, afterUtc)
                : FirstOnChangeDay(schedule, zone, day, afterUtc);
            if (candidate is { } instant && (best is null || instant < best))
            {
                best = instant;
                bestDay = day;
            }
        }
        return best is { } utc ? new DateTimeOffset(utc, TimeSpan.Zero) : null;
    }

    /// <summary>The same offset all day long: no clock change within it.</summary>
    private static bool IsClean(TimeZoneInfo zone, DateTime day)
    {
        var next = day.AddDays(1);
        return !zone.IsInvalidTime(day)
            && !zone.IsAmbiguousTime(day)
            && zone.GetUtcOffset(day) == zone.GetUtcOffset(next);
    }

    private static DateTime? FirstOnCleanDay(
        CrontabSchedule schedule,
        TimeZoneInfo zone,
        DateTime day,
        DateTime afterUtc
    )
    {
        var offset = zone.GetUtcOffset(day);
        for (var hour = 0; hour < 24; hour++)
        {
            if ((schedule.Hours & (1UL << hour)) == 0)
                continue;
            for (var minute = 0; minute < 60; minute++)
            {
                if ((schedule.Minutes & (1UL << minute)) == 0)
                    continue;
                var utc = day.AddMinutes(hour * 60 + minute) - offset;
                if (utc > afterUtc)
                    return DateTime.SpecifyKind(utc, DateTimeKind.Utc);
            }
        }
        return null;
    }

    private static DateTime? FirstOnChangeDay(
        CrontabSchedule schedule,
        TimeZoneInfo zone,
        DateTime day,
        DateTime afterUtc
    )
    {
        DateTime? best = null;
        void Offer(DateTime utc)
        {
            if (utc > afterUtc && (best is null || utc < best))
                best = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        }

        for (var wall = day; wall < day.AddDays(1); wall = wall.Add(OneMinute))
        {
            if (!schedule.MatchesTime(wall.Hour, wall.Minute))
                continue;
            if (zone.IsInvalidTime(wall))
            {
                if (schedule.IsFixedTime)
                    Offer(SkippedRun(schedule, zone, wall));
            }
            else if (zone.IsAmbiguousTime(wall))
            {
                var offsets = zone.GetAmbiguousTimeOffsets(wall);
                Offer(wall - offsets.Max());
                if (!schedule.IsFixedTime)
                    Offer(wall - offsets.Min());
            }
            else
            {
                Offer(wall - zone.GetUtcOffset(wall));
            }
        }
        return best;
    }

    /// <summary>
    /// A fixed time the clocks skip: cronie runs every fixed time of the gap as soon as the clocks
    /// have jumped, in clock order. Here they follow the landing minute's own run, a second apart,
    /// so each keeps a fire time of its own.
    /// </summary>
    private static DateTime SkippedRun(CrontabSchedule schedule, TimeZoneInfo zone, DateTime wall)
    {
        var gapStart = wall;
        while (zone.IsInvalidTime(gapStart - OneMinute))
            gapStart -= OneMinute;
        var landing = wall;
        while (zone.IsInvalidTime(landing))
            landing += OneMinute;
        var change = gapStart - zone.GetUtcOffset(gapStart - OneMinute);
        var index = schedule.Matches(landing) ? 1 : 0;
        for (var earlier = gapStart; earlier < wall; earlier += OneMinute)
        {
            if (schedule.Matches(earlier))
                index++;
        }
        return change.AddSeconds(index);
    }
}
