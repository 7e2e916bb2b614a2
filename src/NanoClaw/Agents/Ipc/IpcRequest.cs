namespace NanoClaw.Agents.Ipc;

/// <summary>
/// One request as an agent wrote it (contract §5): its id, action, and the fields the action takes.
/// <see cref="TaskJson"/> is the <c>task</c> object's own text, checked later by the jobs file's rules.
/// </summary>
internal sealed record IpcRequest
{
    public required string Id { get; init; }
    public required string Action { get; init; }
    public string? Group { get; init; }
    public string? TaskId { get; init; }
    public string? TaskJson { get; init; }
}
