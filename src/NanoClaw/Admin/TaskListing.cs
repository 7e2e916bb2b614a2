using NanoClaw.Configuration;
using NanoClaw.Runs;
using NanoClaw.Scheduling;

namespace NanoClaw.Admin;

/// <summary>
/// The task list filtered, sorted and cut into a page: the dashboard's tasks page. Filtering runs
/// over the views <see cref="TaskView.From"/> builds for the API's list, so both agree on state,
/// source and next run. The task list comes from <see cref="TaskCatalog"/> (parsed definitions kept
/// while their stored hash holds); only the shown page's newest runs are read.
/// </summary>
internal sealed class TaskListing(TaskControl control, IRunStore runs, NanoClawOptions options)
{
    public async Task<TaskPage> ReadAsync(TaskFilter filter, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return await ReadAsync(
            filter,
            await control.ListAsync(ct),
            await control.ListGroupsAsync(ct),
            ct
        );
    }

    /// <summary>The same, over a task list and groups the caller has already read.</summary>
    public async Task<TaskPage> ReadAsync(
        TaskFilter filter,
        IReadOnlyList<StoredTaskInfo> tasks,
        IReadOnlyList<GroupInfo> groupList,
        CancellationToken ct = default
    )
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(groupList);
        var groups = groupList.ToDictionary(
            g => g.Definition.Name,
            g => g.Definition,
            StringComparer.Ordinal
        );
        var all = tasks
            .Select(t =>
                TaskView.From(
                    t,
                    groups.GetValueOrDefault(t.Definition.Group),
                    options.ExecutionMode,
                    null
                )
            )
            .ToList();
        var matching = all.Where(filter.Matches);
        var sorted = (
            filter.Sort == TaskSort.Id
                ? matching.OrderBy(t => t.Id, StringComparer.Ordinal)
                // Soonest first; tasks without a next run (paused, no schedule) at the end.
                : matching
                    .OrderBy(t => t.NextRunAt is null)
                    .ThenBy(t => t.NextRunAt)
                    .ThenBy(t => t.Id, StringComparer.Ordinal)
        ).ToList();
        var pageCount = Math.Max(1, (sorted.Count + filter.PageSize - 1) / filter.PageSize);
        var page = Math.Clamp(filter.Page, 1, pageCount);
        var shown = sorted.Skip((page - 1) * filter.PageSize).Take(filter.PageSize).ToList();
        // Neither filter nor sort reads the last run: it is looked up for the shown page alone.
        var latest = await runs.LatestOfAsync([.. shown.Select(t => t.Id)], ct);
        return new TaskPage(
            [.. shown.Select(t => t.WithLastRun(latest.GetValueOrDefault(t.Id)))],
            sorted.Count,
            all.Count,
            page,
            pageCount,
            [.. groups.Keys.Order(StringComparer.Ordinal)]
        );
    }
}
