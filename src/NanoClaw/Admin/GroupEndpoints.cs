using NanoClaw.Configuration;
using NanoClaw.Runs;
using NanoClaw.Scheduling;
using Quartz;

namespace NanoClaw.Admin;

/// <summary><c>/api/groups</c>: list groups; pause and resume a whole group.</summary>
internal static class GroupEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var groups = api.MapGroup("/groups");
        groups.MapGet("/", ListAsync);
        groups.MapPost(
            "/{name}/pause",
            (string name, TaskControl control, NanoClawOptions options, CancellationToken ct) =>
                SetPausedAsync(name, true, control, options, ct)
        );
        groups.MapPost(
            "/{name}/resume",
            (string name, TaskControl control, NanoClawOptions options, CancellationToken ct) =>
                SetPausedAsync(name, false, control, options, ct)
        );
    }

    /// <summary>Every group with the run it is running and how many firings wait for it.</summary>
    private static async Task<IResult> ListAsync(
        TaskControl control,
        IScheduler scheduler,
        IRunStore runs,
        NanoClawOptions options,
        CancellationToken ct
    )
    {
        var activity = await GroupActivity.ReadAsync(scheduler, runs, ct);
        var views = await ViewsAsync(control, options, ct);
        return Results.Ok(
            views.Select(g =>
                g with
                {
                    Running = activity.Running.TryGetValue(g.Name, out var run)
                        ? new RunningRunView(run.Id, run.TaskId, run.StartedAt, run.Node)
                        : null,
                    Queued = activity.Waiting.GetValueOrDefault(g.Name),
                }
            )
        );
    }

    private static async Task<IResult> SetPausedAsync(
        string name,
        bool paused,
        TaskControl control,
        NanoClawOptions options,
        CancellationToken ct
    )
    {
        if (await control.FindGroupAsync(name, ct) is null)
            return ApiProblems.NotFound($"no group '{name}'");
        await control.SetGroupPausedAsync(name, paused, ct);
        return Results.Ok((await ViewsAsync(control, options, ct)).Single(g => g.Name == name));
    }

    private static async Task<IReadOnlyList<GroupView>> ViewsAsync(
        TaskControl control,
        NanoClawOptions options,
        CancellationToken ct
    )
    {
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
