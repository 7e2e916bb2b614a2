using System.Text.Json;
using NanoClaw.Configuration;
using NanoClaw.Jobs;
using NanoClaw.Scheduling;

namespace NanoClaw.Admin;

/// <summary><c>POST /api/exec</c>: an ad hoc command queued in a group, behind whatever it is running.</summary>
internal static class ExecEndpoints
{
    private static readonly TimeSpan MinimumTimeout = TimeSpan.FromSeconds(1);

    public static void Map(RouteGroupBuilder api) => api.MapPost("/exec", ExecAsync);

    private static async Task<IResult> ExecAsync(
        HttpRequest http,
        TaskControl control,
        ManualRunQueue queue,
        CancellationToken ct
    )
    {
        // Read here rather than bound by the framework, whose refusals come without a problem body.
        ExecRequest? request;
        try
        {
            request = await http.ReadFromJsonAsync<ExecRequest>(ct);
        }
        catch (JsonException ex)
        {
            return ApiProblems.BadRequest($"the body must be a JSON object: {ex.Message}");
        }
        if (request is null)
            return ApiProblems.BadRequest("the body must be a JSON object, not null");
        if (request.FindNul() is { } field)
            return ApiProblems.BadRequest($"'{field}' must not contain NUL characters");
        if (string.IsNullOrEmpty(request.Group))
            return ApiProblems.BadRequest("'group' is required");
        if (
            request.Command is not { Count: > 0 } command
            || string.IsNullOrEmpty(command[0])
            || command.Contains(null!)
        )
            return ApiProblems.BadRequest(
                "'command' must be a non-empty array: the program, then its arguments"
            );
        ExecutionMode? mode = null;
        if (request.Mode is { } modeText)
        {
            if (
                !Enum.TryParse<ExecutionMode>(modeText, ignoreCase: true, out var parsed)
                || !Enum.IsDefined(parsed)
            )
                return ApiProblems.BadRequest(
                    $"'mode' must be 'host' or 'container', not '{modeText}'"
                );
            mode = parsed;
        }
        TimeSpan? timeout = null;
        if (request.Timeout is { } timeoutText)
        {
            if (
                !DurationText.TryParse(
                    timeoutText,
                    MinimumTimeout,
                    DurationText.MaxTimeout,
                    out var parsed,
                    out var error
                )
            )
                return ApiProblems.BadRequest($"'timeout': {error}");
            timeout = parsed;
        }
        if (await control.FindGroupAsync(request.Group, ct) is not { } group)
            return ApiProblems.NotFound($"no group '{request.Group}'");

        var run = new ManualRun
        {
            RunId = TaskControl.NewRunId(),
            Command = command,
            ExecutionMode = mode,
            Timeout = timeout,
        };
        await queue.QueueAsync(group, run, ct);
        return Results.Accepted(
            $"/api/runs/{run.RunId}",
            new QueuedRunView(
                run.RunId,
                request.Group,
                null,
                await control.IsGroupPausedAsync(request.Group, ct)
            )
        );
    }
}
