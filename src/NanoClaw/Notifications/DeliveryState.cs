namespace NanoClaw.Notifications;

/// <summary>The <c>state</c> of an outbox row.</summary>
internal static class DeliveryState
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";

    /// <summary>Every attempt failed (<c>Notify:DeliveryAttempts</c>); kept with its last error.</summary>
    public const string Failed = "failed";
}
