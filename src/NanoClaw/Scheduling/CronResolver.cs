using NanoClaw.Jobs;

namespace NanoClaw.Scheduling;

/// <summary>Gives a task's cron (5-field Unix or Quartz, as validated by the jobs file) in Quartz syntax.</summary>
/// <remarks>
/// The same translation the jobs file was validated with: a second reading of its own once split
/// fields on spaces only, so a tab-separated crontab line validated and was then scheduled as garbage.
/// </remarks>
internal static class CronResolver
{
    public static string? ToQuartz(string? cron) =>
        cron is null
            ? null
            : CronTranslator.Translate(cron, out var error) ?? throw new FormatException(error);
}
