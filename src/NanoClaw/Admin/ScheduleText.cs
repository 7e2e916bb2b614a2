using System.Globalization;
using NanoClaw.Jobs;

namespace NanoClaw.Admin;

/// <summary>A task's schedule in one short phrase: <c>cron 0 9 * * 1-5 (Europe/Berlin)</c>, <c>every 00:05:00</c>, …</summary>
internal static class ScheduleText
{
    public static string Of(TaskDefinition task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.Cron is { } cron)
            return task.TimeZone is { } zone ? $"cron {cron} ({zone})" : $"cron {cron}";
        if (task.Interval is { } interval)
            return "every " + interval.ToString("c", CultureInfo.InvariantCulture);
        if (task.Once is { } once)
            return "once "
                + once.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        return "manual";
    }
}
