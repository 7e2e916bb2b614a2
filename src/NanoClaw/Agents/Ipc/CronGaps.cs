using NanoClaw.Jobs.Cron;

namespace NanoClaw.Agents.Ipc;

/// <summary>
/// The shortest time between two consecutive fire times of a cron schedule, found by walking its
/// fire times over a horizon. A cron's gaps repeat with its fields (minutes within an hour, hours
/// within a day, days within a month), so a year of fire times shows every gap it has in practice.
/// </summary>
internal static class CronGaps
{
    /// <summary>A year covers every month boundary and day of the week a cron can name.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(366);

    /// <summary>Bounds the walk: a year of five-minute firings is 105,408 of them.</summary>
    public const int MaxFireTimes = 120_000;

    /// <summary>
    /// The shortest gap found, stopping early at one below <paramref name="below"/>; null when the
    /// schedule fires fewer than twice within the horizon.
    /// </summary>
    public static TimeSpan? Shortest(
        TaskCron cron,
        TimeZoneInfo zone,
        DateTimeOffset from,
        TimeSpan below
    )
    {
        var end = from + Horizon;
        TimeSpan? shortest = null;
        var previous = cron.NextAfter(zone, from);
        for (var i = 0; i < MaxFireTimes && previous is { } last && last < end; i++)
        {
            var next = cron.NextAfter(zone, last);
            if (next is not { } time)
                break;
            var gap = time - last;
            if (shortest is null || gap < shortest)
                shortest = gap;
            if (gap < below)
                break;
            previous = time;
        }
        return shortest;
    }
}
