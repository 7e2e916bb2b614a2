using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using NanoClaw.Configuration;
using NanoClaw.Jobs;
using NanoClaw.Runs;
using NanoClaw.Scheduling;
using NanoClaw.Text;
using Quartz;

namespace NanoClaw.Admin;

/// <summary><c>/api/tasks</c>: list, get, create, change and delete tasks; pause, resume and trigger one.</summary>
internal static class TaskEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var tasks = api.MapGroup("/tasks");
        tasks.MapGet("/", ListAsync);
        tasks.MapGet("/{id}", GetAsync);
        tasks.MapPost("/", CreateAsync);
        tasks.MapPatch("/{id}", UpdateAsync);
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
        TaskEditing editing,
        TaskControl control,
        IRunStore runs,
        NanoClawOptions options,
        CancellationToken ct
    )
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(ct);
        var result = await editing.CreateAsync(body, "request", cancellationToken: ct);
        return result.Task is { } created
            ? Results.Created(
                $"/api/tasks/{created.Definition.Id}",
                await ViewAsync(created, control, runs, options, ct)
            )
            : Refusal(result, "The task is not valid");
    }

    /// <summary>
    /// Changes a run-time or agent task: the body holds the fields to change in the jobs file's
    /// shape (null puts one back to its default); see README, "The admin API".
    /// </summary>
    private static async Task<IResult> UpdateAsync(
        string id,
        HttpRequest request,
        TaskEditing editing,
        TaskControl control,
        IRunStore runs,
        NanoClawOptions options,
        CancellationToken ct
    )
    {
        JsonObject? patch;
        try
        {
            patch = await JsonNode.ParseAsync(request.Body, cancellationToken: ct) as JsonObject;
            // A name given twice surfaces only when the object is first read.
            _ = patch?.Count;
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)
        {
            return ApiProblems.BadRequest(
                $"the body must be a JSON object with the fields to change: {ex.Message}"
            );
        }
        if (patch is null)
            return ApiProblems.BadRequest(
                "the body must be a JSON object with the fields to change, e.g. {\"cron\": \"0 3 * * *\"}"
            );
        var result = await editing.UpdateAsync(id, patch, ct);
        return result.Task is { } updated
            ? Results.Ok(await ViewAsync(updated, control, runs, options, ct))
            : Refusal(result, "The change is not valid; nothing was changed");
    }

    private static IResult Refusal(TaskEditResult result, string invalidTitle) =>
        result.Outcome switch
        {
            TaskEditOutcome.Invalid => ApiProblems.Invalid(invalidTitle, result.Problems),
            TaskEditOutcome.NotFound => ApiProblems.NotFound(result.Message!),
            _ => ApiProblems.Conflict(result.Message!),
        };

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
