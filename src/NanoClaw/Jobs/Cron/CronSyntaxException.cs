namespace NanoClaw.Jobs.Cron;

/// <summary>A cron expression that cannot be used; the message says why in cron terms.</summary>
internal sealed class CronSyntaxException(string message) : FormatException(message);
