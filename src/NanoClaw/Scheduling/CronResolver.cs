using Quartz;

namespace NanoClaw.Scheduling;

/// <summary>Gives a task's cron (5-field Unix or Quartz, as validated by the jobs file) in Quartz syntax.</summary>
internal static class CronResolver
{
    public static string? ToQuartz(string? cron)
    {
        if (cron is null)
            return null;
        var fields = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length == 5 || cron.StartsWith('@')
            ? CronExpression.Parse(cron, CronFormat.Unix).CronExpressionString
            : cron;
    }
}
