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

    /// <summary><c>normal</c> or <c>paused</c> (by its own pause, its group's, or both).</summary>
    public required string State { get; init; }

    /// <summary>Whether the task itself is paused, whatever its group: a group resume leaves it paused.</summary>
    public bool TaskPaused { get; init; }

    /// <summary>Whether the task's group is paused: a task resume leaves it waiting for the group.</summary>
    public bool GroupPaused { get; init; }

    public required bool Enabled { get; init; }
    public DateTimeOffset? NextRunAt { get; init; }
    public LastRunView? LastRun { get; init; }
    public string? Description { get; init; }
    public TaskDefinition? Definition { get; init; }

    /// <summary>The latest runs, newest first: only when one task is asked for (<c>tasks show</c>).</summary>
    [System.Text.Json.Serialization.JsonIgnore(
        Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull
    )]
    public IReadOnlyList<RecentRunView>? LastRuns { get; init; }

    /// <summary>The next fire times (none while paused): only when one task is asked for.</summary>
    [System.Text.Json.Serialization.JsonIgnore(
        Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull
    )]
    public IReadOnlyList<DateTimeOffset>? NextRuns { get; init; }

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
            // A trigger paused with no record of either pause (a store from before they were
            // recorded) counts as paused on its own, which is how the daemon records it at its next start.
            TaskPaused = task.IsPausedAlone || task.IsPaused && !task.IsGroupPaused,
            GroupPaused = task.IsGroupPaused,
            Enabled = d.Enabled,
            // A task without a schedule (or disabled) is parked far in the future: it has no next run;
            // nor has a paused one, whose trigger's time says only when it would have run.
            NextRunAt =
                !task.IsPaused && task.Header.NextFireTimeUtc < TaskTriggerFactory.ParkedStart
                    ? task.Header.NextFireTimeUtc
                    : null,
            Description = d.Description,
            Definition = d,
        }.WithLastRun(lastRun);
    }

    /// <summary>This view with <paramref name="lastRun"/> as its task's newest run.</summary>
    public TaskView WithLastRun(RunRecord? lastRun) =>
        this with
        {
            LastRun = lastRun is null
                ? null
                : new LastRunView(
                    lastRun.Id,
                    RunStatusNames.ToName(lastRun.Status),
                    lastRun.StartedAt
                ),
        };
}
