using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using NanoClaw.Admin;
using NanoClaw.Dashboard.Components.Pages;
using NanoClaw.Jobs;
using NanoClaw.Scheduling;

namespace NanoClaw.Dashboard;

/// <summary>
/// <c>/tasks/new</c> and <c>/tasks/{id}/edit</c>: the forms (operator only) and their posts
/// (operator and anti-forgery token), through <see cref="TaskEditing"/> as the admin API's
/// <c>POST /api/tasks</c> and <c>PATCH /api/tasks/{id}</c> are. A refused post shows the form again
/// with what was typed and each problem beside its field.
/// </summary>
internal static class TaskFormEndpoints
{
    public static void Map(WebApplication app)
    {
        var pages = app.MapGroup("")
            .RequireAuthorization(DashboardAuth.OperatorPolicy)
            .WithMetadata(DashboardEndpoint.Instance);
        pages.MapGet("/tasks/new", NewAsync);
        pages.MapGet("/tasks/{id}/edit", EditAsync);
        var posts = app.MapGroup("")
            .RequireAuthorization(DashboardAuth.OperatorPolicy)
            .AddEndpointFilter(DashboardSetup.RequireAntiforgery)
            .WithMetadata(DashboardEndpoint.Instance);
        posts.MapPost("/tasks/new", CreateAsync);
        posts.MapPost("/tasks/{id}/edit", UpdateAsync);
    }

    private static async Task<IResult> NewAsync(
        string? group,
        TaskControl control,
        CancellationToken ct
    )
    {
        var values = TaskForm.Fields.ToDictionary(f => f, _ => "", StringComparer.Ordinal);
        values["enabled"] = "true";
        values["group"] = group ?? "";
        return await NewFormAsync(values, new Dictionary<string, string>(), control, ct);
    }

    private static async Task<IResult> CreateAsync(
        HttpContext http,
        TaskEditing editing,
        TaskControl control,
        CancellationToken ct
    )
    {
        var values = TaskForm.ValuesOf(await http.Request.ReadFormAsync(ct));
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var task = TaskForm.ToTask(values, errors);
        if (errors.Count == 0)
        {
            var layout = TaskBodyText.Write(task);
            var result = await editing.CreateAsync(layout.Json, "form", layout, ct);
            if (result.Task is { } created)
                return Results.Redirect(TaskLinks.Page(created.Definition.Id));
            AddErrors(errors, result);
        }
        return await NewFormAsync(values, errors, control, ct);
    }

    private static async Task<IResult> EditAsync(
        string id,
        TaskControl control,
        CancellationToken ct
    )
    {
        if (await control.FindAsync(id, ct) is not { } task)
            return MessagePage.NotFound($"There is no task '{id}'.");
        if (task.Definition.Source == TaskSource.File)
            return FromJobsFile(id);
        return EditForm(id, StoredValues(task), new Dictionary<string, string>(), Version(task));
    }

    private static async Task<IResult> UpdateAsync(
        string id,
        HttpContext http,
        TaskEditing editing,
        TaskControl control,
        CancellationToken ct
    )
    {
        if (await control.FindAsync(id, ct) is not { } task)
            return MessagePage.NotFound($"There is no task '{id}'.");
        if (task.Definition.Source == TaskSource.File)
            return FromJobsFile(id);
        var stored = StoredValues(task);
        var form = await http.Request.ReadFormAsync(ct);
        var values = TaskForm.ValuesOf(form);
        values["id"] = stored["id"];
        values["group"] = stored["group"];
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var version = form["version"].ToString();
        // Changed by someone else (the API, an agent) since the form was opened: saving it would
        // silently undo their change with the values the form showed.
        if (version != Version(task))
        {
            errors[""] =
                "The task was changed since this form was opened. Open the form again to see its current definition.";
            return EditForm(id, values, errors, version, StatusCodes.Status409Conflict);
        }
        var patch = TaskForm.ToPatch(values, stored, errors);
        if (errors.Count == 0)
        {
            var result = await editing.UpdateAsync(id, patch, ct);
            switch (result.Outcome)
            {
                case TaskEditOutcome.Done:
                    return Results.Redirect(TaskLinks.Page(id));
                case TaskEditOutcome.NotFound:
                    return MessagePage.NotFound($"There is no task '{id}'.");
                case TaskEditOutcome.FromJobsFile:
                    return FromJobsFile(id);
                default:
                    AddErrors(errors, result);
                    break;
            }
        }
        return EditForm(id, values, errors, version);
    }

    private static string Version(StoredTaskInfo task) =>
        DefinitionJson.Hash(DefinitionJson.Serialize(task.Definition));

    private static Dictionary<string, string> StoredValues(StoredTaskInfo task) =>
        TaskForm.ValuesOf((JsonObject)JsonNode.Parse(DefinitionJson.Serialize(task.Definition))!);

    private static RazorComponentResult<Message> FromJobsFile(string id) =>
        MessagePage.Conflict(
            $"Task '{id}' is defined in the jobs file, which owns it: change it there and reload."
        );

    /// <summary>Each problem beside its field; those about the task as a whole, or a field the form lacks, at the top.</summary>
    private static void AddErrors(Dictionary<string, string> errors, TaskEditResult result)
    {
        if (result.Outcome != TaskEditOutcome.Invalid)
        {
            errors["id"] = result.Message ?? "not saved";
            return;
        }
        foreach (var problem in result.Problems)
        {
            var key = problem.Field is { } field && TaskForm.Fields.Contains(field) ? field : "";
            var text = key.Length == 0 ? problem.Text : problem.Message;
            errors[key] = errors.TryGetValue(key, out var before) ? $"{before} {text}" : text;
        }
    }

    private static async Task<IResult> NewFormAsync(
        Dictionary<string, string> values,
        Dictionary<string, string> errors,
        TaskControl control,
        CancellationToken ct
    )
    {
        var groups = (await control.ListGroupsAsync(ct)).Select(g => g.Definition.Name).ToList();
        return new RazorComponentResult<TaskFormPage>(
            new
            {
                Heading = "New task",
                Action = "/tasks/new",
                Submit = "Add task",
                IsNew = true,
                Values = values,
                Errors = errors,
                Groups = groups,
            }
        )
        {
            StatusCode = errors.Count == 0 ? 200 : StatusCodes.Status422UnprocessableEntity,
        };
    }

    private static RazorComponentResult<TaskFormPage> EditForm(
        string id,
        Dictionary<string, string> values,
        Dictionary<string, string> errors,
        string version,
        int? status = null
    ) =>
        new(
            new
            {
                Heading = $"Edit task {id}",
                Version = version,
                Action = $"{TaskLinks.Page(id)}/edit",
                Submit = "Save",
                Cancel = TaskLinks.Page(id),
                IsNew = false,
                Values = values,
                Errors = errors,
            }
        )
        {
            StatusCode =
                status ?? (errors.Count == 0 ? 200 : StatusCodes.Status422UnprocessableEntity),
        };
}
