using NanoClaw.Jobs;
using NanoClaw.Scheduling;

namespace NanoClaw.Dashboard;

/// <summary>
/// The dashboard's actions on tasks and groups: operator only, anti-forgery token required, each
/// through the same services the admin API uses; then back to the page the form came from.
/// </summary>
internal static class ActionEndpoints
{
    public static void Map(WebApplication app)
    {
        var posts = app.MapGroup("")
            .RequireAuthorization(DashboardAuth.OperatorPolicy)
            .AddEndpointFilter(DashboardSetup.RequireAntiforgery)
            .WithMetadata(DashboardEndpoint.Instance);
        posts.MapPost(
            "/tasks/{id}/pause",
            (string id, HttpContext http, TaskControl control, CancellationToken ct) =>
                SetTaskPausedAsync(id, true, http, control, ct)
        );
        posts.MapPost(
            "/tasks/{id}/resume",
            (string id, HttpContext http, TaskControl control, CancellationToken ct) =>
                SetTaskPausedAsync(id, false, http, control, ct)
        );
        posts.MapPost("/tasks/{id}/run", RunNowAsync);
        posts.MapPost("/tasks/{id}/delete", DeleteAsync);
        posts.MapPost(
            "/groups/{name}/pause",
            (string name, HttpContext http, TaskControl control, CancellationToken ct) =>
                SetGroupPausedAsync(name, true, http, control, ct)
        );
        posts.MapPost(
            "/groups/{name}/resume",
            (string name, HttpContext http, TaskControl control, CancellationToken ct) =>
                SetGroupPausedAsync(name, false, http, control, ct)
        );
    }

    private static async Task<IResult> SetTaskPausedAsync(
        string id,
        bool paused,
        HttpContext http,
        TaskControl control,
        CancellationToken ct
    )
    {
        if (await control.FindAsync(id, ct) is not { } task)
            return MessagePage.NotFound($"There is no task '{id}'.");
        await control.SetTaskPausedAsync(task, paused, ct);
        return await BackAsync(http, $"/tasks/{Uri.EscapeDataString(id)}", ct);
    }

    private static async Task<IResult> SetGroupPausedAsync(
        string name,
        bool paused,
        HttpContext http,
        TaskControl control,
        CancellationToken ct
    )
    {
        if (await control.FindGroupAsync(name, ct) is null)
            return MessagePage.NotFound($"There is no group '{name}'.");
        await control.SetGroupPausedAsync(name, paused, ct);
        return await BackAsync(http, "/groups", ct);
    }

    private static async Task<IResult> RunNowAsync(
        string id,
        TaskControl control,
        ManualRunQueue queue,
        CancellationToken ct
    )
    {
        if (await control.FindAsync(id, ct) is not { } task)
            return MessagePage.NotFound($"There is no task '{id}'.");
        if (await control.FindGroupAsync(task.Definition.Group, ct) is not { } group)
            return MessagePage.NotFound($"There is no group '{task.Definition.Group}'.");
        var run = new ManualRun { RunId = TaskControl.NewRunId(), Task = task.Definition };
        await queue.QueueAsync(group, run, ct);
        return Results.Redirect($"/runs/{run.RunId}");
    }

    private static async Task<IResult> DeleteAsync(
        string id,
        TaskControl control,
        CancellationToken ct
    )
    {
        if (await control.FindAsync(id, ct) is not { } task)
            return MessagePage.NotFound($"There is no task '{id}'.");
        // As in the API: the jobs file would bring it back on its next sync.
        if (task.Definition.Source == TaskSource.File)
            return MessagePage.Conflict(
                $"Task '{id}' is defined in the jobs file; remove it there and reload."
            );
        await control.RemoveAsync(task, ct);
        return Results.Redirect("/tasks");
    }

    private static async Task<IResult> BackAsync(
        HttpContext http,
        string fallback,
        CancellationToken ct
    )
    {
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(ct) : null;
        return Results.Redirect(LocalUrl.OrDefault(form?["returnUrl"], fallback));
    }
}
