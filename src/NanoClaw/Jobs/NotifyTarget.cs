namespace NanoClaw.Jobs;

/// <summary>
/// Where a task's events go (<c>notify</c>, README "Notifications"): a webhook that gets a signed
/// POST, or a command that gets the event on standard input. Exactly one of the two is set.
/// </summary>
public sealed record NotifyTarget
{
    public string? Webhook { get; init; }
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>The events sent to this target; by default only the changes (<see cref="NotifyEvents.OnChange"/>).</summary>
    public IReadOnlyList<string> Events { get; init; } = NotifyEvents.OnChange;

    public bool Wants(string eventName) => Events.Contains(eventName, StringComparer.Ordinal);
}
