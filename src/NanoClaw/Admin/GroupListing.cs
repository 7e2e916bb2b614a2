using NanoClaw.Configuration;
using NanoClaw.Runs;
using NanoClaw.Scheduling;
using Quartz;

namespace NanoClaw.Admin;

/// <summary>The groups as <c>GET /api/groups</c> and the dashboard's groups page show them.</summary>
internal sealed class GroupListing(
    TaskControl control,
    IScheduler scheduler,
    IRunStore runs,
    NanoClawOptions options
)
{
    /// <summary>Every group with the run it is running and how many firings wait for it.</summary>
    public async Task<IReadOnlyList<GroupView>> ReadAsync(CancellationToken ct = default)
    {
        var activity = await GroupActivity.ReadAsync(scheduler, runs, ct);
        var views = await ViewsAsync(control, options, ct);
        return
        [
            .. views.Select(g =>
                g with
                {
                    Running = activity.Running.TryGetValue(g.Name, out var run)
                        ? new RunningRunView(run.Id, run.TaskId, run.StartedAt, run.Node)
                        : null,
                    Queued = activity.Waiting.GetValueOrDefault(g.Name),
                }
            ),
        ];
    }

    public static async Task<IReadOnlyList<GroupView>> ViewsAsync(
        TaskControl control,
        NanoClawOptions options,
        CancellationToken ct
    )
    {
        ArgumentNullException.ThrowIfNull(control);
        ArgumentNullException.ThrowIfNull(options);
        var tasks = await control.ListAsync(ct);
        var groups = await control.ListGroupsAsync(ct);
        return
        [
            .. groups.Select(g => new GroupView(
                g.Definition.Name,
                g.Definition.IsMain,
                (g.Definition.ExecutionMode ?? options.ExecutionMode).ToString().ToLowerInvariant(),
                g.IsPaused ? "paused" : "normal",
                tasks.Count(t => t.Definition.Group == g.Definition.Name),
                tasks.Count(t => t.Definition.Group == g.Definition.Name && t.IsPausedAlone)
            )),
        ];
    }
}
