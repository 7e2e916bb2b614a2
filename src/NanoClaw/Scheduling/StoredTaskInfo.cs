using NanoClaw.Jobs;
using Quartz;

namespace NanoClaw.Scheduling;

/// <summary>
/// A task as the store holds it: its definition, its trigger's state and times, and the two pauses
/// that can hold it: its own (<see cref="TaskPauses"/>) and its group's (Quartz's trigger-group pause).
/// </summary>
internal sealed record StoredTaskInfo(TaskDefinition Definition, TriggerHeader Header)
{
    public bool IsPausedAlone { get; init; }
    public bool IsGroupPaused { get; init; }

    public bool IsPaused =>
        IsPausedAlone
        || IsGroupPaused
        || Header.State == TriggerState.Paused
        || Header.Pause is not null;
}
