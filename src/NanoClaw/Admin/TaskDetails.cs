using NanoClaw.Configuration;
using NanoClaw.Runs;
using NanoClaw.Scheduling;
using Quartz;

namespace NanoClaw.Admin;

/// <summary>
/// One task as <c>GET /api/tasks/{id}?next=</c> shows it: its view, its latest runs, and its next
/// fire times asked of the stored trigger (<see cref="FireTimes"/>).
/// </summary>
internal sealed class TaskDetails(
    TaskControl control,
    IRunStore runs,
    IScheduler scheduler,
    NanoClawOptions options
)
{
    /// <summary>Null when there is no such task.</summary>
    public async Task<TaskView?> ReadAsync(
        string id,
        int nextCount,
        int runCount,
        CancellationToken ct = default
    )
    {
        if (await control.FindAsync(id, ct) is not { } task)
            return null;
        var group = await control.FindGroupAsync(task.Definition.Group, ct);
        var recent = await runs.ListAsync(new RunQuery { TaskId = id, Limit = runCount }, ct);
        var view = TaskView.From(
            task,
            group,
            options.ExecutionMode,
            recent.Count > 0 ? recent[0] : null
        );
        return view with
        {
            LastRuns = [.. recent.Select(RecentRunView.From)],
            NextRuns = await FireTimes.NextAsync(
                scheduler,
                task,
                nextCount,
                DateTimeOffset.UtcNow,
                ct
            ),
        };
    }
}
