using NanoClaw.Jobs;

namespace NanoClaw.Scheduling;

/// <summary>
/// An ad hoc run queued as a one-shot trigger on its group's job: either a task triggered now
/// (<see cref="Task"/>, its definition as it was when queued) or an <c>exec</c> command
/// (<see cref="Command"/>). The run id is chosen when it is queued, so a caller can wait for it.
/// </summary>
internal sealed record ManualRun
{
    public required string RunId { get; init; }
    public TaskDefinition? Task { get; init; }
    public IReadOnlyList<string>? Command { get; init; }
    public ExecutionMode? ExecutionMode { get; init; }
    public TimeSpan? Timeout { get; init; }
}
