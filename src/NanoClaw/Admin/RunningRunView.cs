namespace NanoClaw.Admin;

/// <summary>The run a group is running, as <c>groups</c> and <c>status</c> show it.</summary>
internal sealed record RunningRunView(
    string Id,
    string? TaskId,
    DateTimeOffset StartedAt,
    string Node
);
