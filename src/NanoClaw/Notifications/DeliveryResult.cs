namespace NanoClaw.Notifications;

/// <summary>How one delivery attempt went, in words for its record: "HTTP 204", "connection refused".</summary>
internal readonly record struct DeliveryResult(bool IsDelivered, string Detail);
