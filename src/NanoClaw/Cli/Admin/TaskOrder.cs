using NanoClaw.Admin;

namespace NanoClaw.Cli.Admin;

/// <summary>
/// <c>tasks</c> lists what runs next first; tasks with no next run (paused, disabled, unscheduled,
/// a spent <c>once</c>) come last, each part by group and id.
/// </summary>
internal static class TaskOrder
{
    public static IReadOnlyList<TaskView> ByNextRun(IEnumerable<TaskView> tasks) =>
        [
            .. tasks
                .OrderBy(t => t.NextRunAt is null)
                .ThenBy(t => t.NextRunAt)
                .ThenBy(t => t.Group, StringComparer.Ordinal)
                .ThenBy(t => t.Id, StringComparer.Ordinal),
        ];
}
