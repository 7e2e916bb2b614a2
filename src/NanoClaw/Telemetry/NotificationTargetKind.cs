namespace NanoClaw.Telemetry;

/// <summary>The kind of a notification target, as a metric label.</summary>
internal enum NotificationTargetKind
{
    Webhook,
    Command,
}
