using NanoClaw.Jobs;
using NanoClaw.Runs;
using NanoClaw.Scheduling;

namespace NanoClaw.Admin;

/// <summary>A task as <c>tasks</c> shows it: definition, effective mode, state, next and last run.</summary>
internal sealed record TaskView
{
    public required string Id { get; init; }
    public required string Group { get; init; }
    public required string Source { get; init; }

    /// <summary>For an agent task: the run that asked for it, when known.</summary>
    public string? CreatedBy { get; init; }
    public required string Schedule { get; init; }
    public required string Mode { get; init; }

    /// <summary><c>normal</c> or <c>paused</c> (the task's own pause or its group's).</summary>
    public required string State { get; init; }

    public required bool Enabled { get; init; }
    public DateTimeOffset? NextRunAt { get; init; }
    public LastRunView? LastRun { get; init; }
    public string? Description { get; init; }
    public TaskDefinition? Definition { get; init; }

    public static TaskView From(
        StoredTaskInfo task,
        GroupDefinition? group,
        ExecutionMode defaultMode,
        RunRecord? lastRun
    )
    {
        ArgumentNullException.ThrowIfNull(task);
        var d = task.Definition;
        return new TaskView
        {
            Id = d.Id,
            Group = d.Group,
            Source = d.Source.ToString().ToLowerInvariant(),
            CreatedBy = d.CreatedBy,
            Schedule = ScheduleText.Of(d),
            Mode = (d.ExecutionMode ?? group?.ExecutionMode ?? defaultMode)
                .ToString()
                .ToLowerInvariant(),
            State = task.IsPaused ? "paused" : "normal",
            Enabled = d.Enabled,
            // A task without a schedule (or disabled) is parked far in the future: it has no next run.
            NextRunAt =
                task.Header.NextFireTimeUtc < TaskTriggerFactory.ParkedStart
                    ? task.Header.NextFireTimeUtc
                    : null,
            LastRun = lastRun is null
                ? null
                : new LastRunView(
                    lastRun.Id,
                    RunStatusNames.ToName(lastRun.Status),
                    lastRun.StartedAt
                ),
            Description = d.Description,
            Definition = d,
        };
    }
}
