using System.Text.Json;

namespace NanoClaw.Admin;

/// <summary><c>POST /api/exec</c>: an ad hoc command queued in a group, behind whatever it is running.</summary>
internal static class ExecEndpoints
{
    public static void Map(RouteGroupBuilder api) => api.MapPost("/exec", ExecAsync);

    private static async Task<IResult> ExecAsync(
        HttpRequest http,
        AdHocRuns runs,
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
        var outcome = await runs.QueueAsync(request, ct);
        return outcome switch
        {
            { Run: { } run } => Results.Accepted($"/api/runs/{run.RunId}", run),
            { IsUnknownGroup: true } => ApiProblems.NotFound(outcome.Error!),
            _ => ApiProblems.BadRequest(outcome.Error!),
        };
    }
}
