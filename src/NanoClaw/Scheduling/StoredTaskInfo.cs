using NanoClaw.Jobs;
using Quartz;

namespace NanoClaw.Scheduling;

/// <summary>A task as the store holds it: its definition and its trigger's state and times.</summary>
internal sealed record StoredTaskInfo(TaskDefinition Definition, TriggerHeader Header)
{
    public bool IsPaused => Header.State == TriggerState.Paused || Header.Pause is not null;
}
