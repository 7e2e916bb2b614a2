namespace NanoClaw.Notifications;

/// <summary>One event for one target, as the outbox keeps it until it is delivered or given up.</summary>
internal sealed record Delivery(
    string Id,
    string Event,
    string? TaskId,
    string RunId,
    string Target,
    string Payload,
    int Attempts
);
