using Microsoft.AspNetCore.Http.HttpResults;
using NanoClaw.Admin;
using NanoClaw.Dashboard.Components.Pages;
using NanoClaw.Scheduling;

namespace NanoClaw.Dashboard;

/// <summary>
/// <c>/exec</c>: the form (operator only) and its post (operator and anti-forgery token), which
/// queues the command through <see cref="AdHocRuns"/> as <c>POST /api/exec</c> does and then shows
/// the run's page, which follows its output.
/// </summary>
internal static class ExecPageEndpoints
{
    private static readonly string[] Fields = ["group", "command", "mode", "timeout"];

    public static void Map(WebApplication app)
    {
        app.MapGet(
                "/exec",
                (string? group, TaskControl control, CancellationToken ct) =>
                    FormAsync(
                        new Dictionary<string, string> { ["group"] = group ?? "" },
                        new Dictionary<string, string>(),
                        control,
                        ct
                    )
            )
            .RequireAuthorization(DashboardAuth.OperatorPolicy)
            .WithMetadata(DashboardEndpoint.Instance);
        app.MapPost("/exec", ExecAsync)
            .RequireAuthorization(DashboardAuth.OperatorPolicy)
            .AddEndpointFilter(DashboardSetup.RequireAntiforgery)
            .WithMetadata(DashboardEndpoint.Instance);
    }

    private static async Task<IResult> ExecAsync(
        HttpContext http,
        AdHocRuns runs,
        TaskControl control,
        CancellationToken ct
    )
    {
        var form = await http.Request.ReadFormAsync(ct);
        var values = Fields.ToDictionary(
            f => f,
            f => form[f].ToString().Replace("\r\n", "\n", StringComparison.Ordinal),
            StringComparer.Ordinal
        );
        var argv = values["command"].Split('\n').ToList();
        // The line break after the last argument is not one more, empty, argument.
        while (argv.Count > 0 && argv[^1].Length == 0)
            argv.RemoveAt(argv.Count - 1);
        var outcome = await runs.QueueAsync(
            new ExecRequest
            {
                Group = values["group"],
                Command = argv,
                Mode = values["mode"].Length == 0 ? null : values["mode"],
                Timeout = values["timeout"].Length == 0 ? null : values["timeout"],
            },
            ct
        );
        if (outcome.Run is { } run)
            return Results.Redirect($"/runs/{run.RunId}");
        // command[2] names an argument: its box is the command's.
        var field =
            outcome.Field?.StartsWith("command", StringComparison.Ordinal) == true
                ? "command"
                : outcome.Field ?? "command";
        return await FormAsync(
            values,
            new Dictionary<string, string> { [field] = outcome.Error! },
            control,
            ct
        );
    }

    private static async Task<RazorComponentResult<ExecPage>> FormAsync(
        Dictionary<string, string> values,
        Dictionary<string, string> errors,
        TaskControl control,
        CancellationToken ct
    )
    {
        var groups = (await control.ListGroupsAsync(ct)).Select(g => g.Definition.Name).ToList();
        return new RazorComponentResult<ExecPage>(
            new
            {
                Values = values,
                Errors = errors,
                Groups = groups,
            }
        )
        {
            StatusCode = errors.Count == 0 ? 200 : StatusCodes.Status422UnprocessableEntity,
        };
    }
}
