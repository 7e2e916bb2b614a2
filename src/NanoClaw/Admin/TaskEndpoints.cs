using System.Globalization;
using NanoClaw.Configuration;
using NanoClaw.Jobs;
using NanoClaw.Jobs.Loading;
using NanoClaw.Runs;
using NanoClaw.Scheduling;
using NanoClaw.Text;
using Quartz;

namespace NanoClaw.Admin;

/// <summary><c>/api/tasks</c>: list, get, create and delete tasks; pause, resume and trigger one.</summary>
internal static class TaskEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var tasks = api.MapGroup("/tasks");
        tasks.MapGet("/", ListAsync);
        tasks.MapGet("/{id}", GetAsync);
        tasks.MapPost("/", CreateAsync);
        tasks.MapDelete("/{id}", DeleteAsync);
        tasks.MapPost(
            "/{id}/pause",
            (
                string id,
                TaskControl control,
                IRunStore runs,
                NanoClawOptions options,
                CancellationToken ct
            ) => SetPausedAsync(id, true, control, runs, options, ct)
        );
        tasks.MapPost(
            "/{id}/resume",
            (
                string id,
                TaskControl control,
                IRunStore runs,
                NanoClawOptions options,
                CancellationToken ct
            ) => SetPausedAsync(id, false, control, runs, options, ct)
        );
        tasks.MapPost("/{id}/trigger", TriggerAsync);
    }

    private static async Task<IResult> ListAsync(
        TaskControl control,
        IRunStore runs,
        NanoClawOptions options,
        CancellationToken ct
    )
    {
        var groups = (await control.ListGroupsAsync(ct)).ToDictionary(
            g => g.Definition.Name,
            g => g.Definition
        );
        var latest = await runs.LatestByTaskAsync(ct);
        var tasks = await control.ListAsync(ct);
        return Results.Ok(
            tasks.Select(t =>
                TaskView.From(
                    t,
                    groups.GetValueOrDefault(t.Definition.Group),
                    options.ExecutionMode,
                    latest.GetValueOrDefault(t.Definition.Id)
                )
            )
        );
    }

    /// <summary>One task with its latest runs and its next <c>next</c> fire times (default 5, at most 100).</summary>
    private static async Task<IResult> GetAsync(
        string id,
        string? next,
        TaskControl control,
        IRunStore runs,
        IScheduler scheduler,
        NanoClawOptions options,
        CancellationToken ct
    )
    {
        var count = DefaultNextCount;
        if (
            next is not null
            && (
                !int.TryParse(next, NumberStyles.None, CultureInfo.InvariantCulture, out count)
                || count is < 1 or > FireTimes.MaxCount
            )
        )
            return ApiProblems.BadRequest(
                $"'next' must be a number from 1 to {FireTimes.MaxCount}, not '{next}'"
            );
        if (await control.FindAsync(id, ct) is not { } task)
            return await UnknownTaskAsync(id, control, ct);
        var view = await ViewAsync(task, control, runs, options, ct);
        var recent = await runs.ListAsync(new RunQuery { TaskId = id, Limit = RecentRunCount }, ct);
        return Results.Ok(
            view with
            {
                LastRuns = [.. recent.Select(RecentRunView.From)],
                NextRuns = await FireTimes.NextAsync(
                    scheduler,
                    task,
                    count,
                    DateTimeOffset.UtcNow,
                    ct
                ),
            }
        );
    }

    private const int DefaultNextCount = 5;
    private const int RecentRunCount = 5;

    private static async Task<IResult> CreateAsync(
        HttpRequest request,
        TaskControl control,
        IRunStore runs,
        NanoClawOptions options,
        CancellationToken ct
    )
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(ct);
        var groups = (await control.ListGroupsAsync(ct)).ToDictionary(
            g => g.Definition.Name,
            g => g.Definition,
            StringComparer.Ordinal
        );
        var parsed = JobsFileLoader.ParseTask(body, groups, "request");
        if (parsed.Task is not { } task)
            return ApiProblems.Invalid("The task is not valid", parsed.Problems);
        if (await control.FindAsync(task.Id, ct) is { } existing)
            return ApiProblems.Conflict(
                $"a task '{task.Id}' exists already (source: {existing.Definition.Source.ToString().ToLowerInvariant()}); task ids are unique"
            );
        await control.AddAsync(task, ct);
        var created = await control.FindAsync(task.Id, ct);
        return Results.Created(
            $"/api/tasks/{task.Id}",
            await ViewAsync(created!, control, runs, options, ct)
        );
    }

    private static async Task<IResult> DeleteAsync(
        string id,
        TaskControl control,
        CancellationToken ct
    )
    {
        if (await control.FindAsync(id, ct) is not { } task)
            return await UnknownTaskAsync(id, control, ct);
        // The jobs file would bring it back on its next sync: it is removed where it is defined.
        if (task.Definition.Source == TaskSource.File)
            return ApiProblems.Conflict(
                $"task '{id}' is defined in the jobs file; remove it there and reload"
            );
        await control.RemoveAsync(task, ct);
        return Results.NoContent();
    }

    private static async Task<IResult> SetPausedAsync(
        string id,
        bool paused,
        TaskControl control,
        IRunStore runs,
        NanoClawOptions options,
        CancellationToken ct
    )
    {
        if (await control.FindAsync(id, ct) is not { } task)
            return await UnknownTaskAsync(id, control, ct);
        await control.SetTaskPausedAsync(task, paused, ct);
        return Results.Ok(
            await ViewAsync((await control.FindAsync(id, ct))!, control, runs, options, ct)
        );
    }

    private static async Task<IResult> TriggerAsync(
        string id,
        TaskControl control,
        ManualRunQueue queue,
        CancellationToken ct
    )
    {
        if (await control.FindAsync(id, ct) is not { } task)
            return await UnknownTaskAsync(id, control, ct);
        if (await control.FindGroupAsync(task.Definition.Group, ct) is not { } group)
            return ApiProblems.NotFound($"no group '{task.Definition.Group}'");
        var run = new ManualRun { RunId = TaskControl.NewRunId(), Task = task.Definition };
        await queue.QueueAsync(group, run, ct);
        return Results.Accepted(
            $"/api/runs/{run.RunId}",
            new QueuedRunView(
                run.RunId,
                task.Definition.Group,
                id,
                await control.IsGroupPausedAsync(task.Definition.Group, ct)
            )
        );
    }

    private static async Task<TaskView> ViewAsync(
        StoredTaskInfo task,
        TaskControl control,
        IRunStore runs,
        NanoClawOptions options,
        CancellationToken ct
    )
    {
        var group = await control.FindGroupAsync(task.Definition.Group, ct);
        var last = await runs.ListAsync(
            new RunQuery { TaskId = task.Definition.Id, Limit = 1 },
            ct
        );
        return TaskView.From(task, group, options.ExecutionMode, last.Count > 0 ? last[0] : null);
    }

    private static async Task<IResult> UnknownTaskAsync(
        string id,
        TaskControl control,
        CancellationToken ct
    )
    {
        var known = (await control.ListAsync(ct)).Select(t => t.Definition.Id);
        return ApiProblems.NotFound(
            $"no task '{id}'.{NameSuggestions.Phrase(id, known)} 'nanoclaw tasks' lists them."
        );
    }
}
