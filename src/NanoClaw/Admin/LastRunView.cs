namespace NanoClaw.Admin;

/// <summary>The newest run of a task, as <c>tasks</c> shows it.</summary>
internal sealed record LastRunView(string Id, string Status, DateTimeOffset StartedAt);
