using NanoClaw.Jobs.Cron;

namespace NanoClaw.Scheduling;

/// <summary>Reads a task's cron (5-field crontab or 6/7-field Quartz, as validated by the jobs file).</summary>
/// <remarks>
/// The same reading the jobs file was validated with: a second reading of its own once split
/// fields on spaces only, so a tab-separated crontab line validated and was then scheduled as garbage.
/// </remarks>
internal static class CronResolver
{
    public static TaskCron? Resolve(string? cron) => cron is null ? null : TaskCron.Parse(cron);
}
