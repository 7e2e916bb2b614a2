using NanoClaw.Admin;
using NanoClaw.Configuration;

namespace NanoClaw.Dashboard;

/// <summary>
/// The run page's two endpoints beside its Razor page: the live output as server-sent events (any
/// logged-in user, the same stream as the API's <c>/api/runs/{id}/stream</c> and <c>nanoclaw logs
/// --follow</c>) and cancel (operator, anti-forgery token), both through the API's own services.
/// </summary>
internal static class RunPageEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/runs/{id}/output", OutputAsync)
            .RequireAuthorization(DashboardAuth.ViewerPolicy)
            .WithMetadata(DashboardEndpoint.Instance);
        app.MapPost("/runs/{id}/cancel", CancelAsync)
            .RequireAuthorization(DashboardAuth.OperatorPolicy)
            .AddEndpointFilter(DashboardSetup.RequireAntiforgery)
            .WithMetadata(DashboardEndpoint.Instance);
    }

    private static async Task OutputAsync(
        string id,
        HttpContext context,
        RunLookup lookup,
        NanoClawPaths paths,
        CancellationToken ct
    )
    {
        var record = RunIds.IsPlausible(id)
            ? await RunLogStream.WaitForStartAsync(id, lookup, ct)
            : null;
        if (record is null)
        {
            // EventSource gives up on an answer that is not an event stream: no reconnecting to a run that is not there.
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        // No buffering between the log and the browser: each line goes out as it is written.
        context
            .Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()
            ?.DisableBuffering();
        await RunLogStream.WriteAsync(context.Response, record, lookup, paths, ct);
    }

    private static async Task<IResult> CancelAsync(
        string id,
        RunCancellation cancellation,
        CancellationToken ct
    )
    {
        if (!RunIds.IsPlausible(id))
            return MessagePage.NotFound("There is no such run.");
        var back = $"/runs/{Uri.EscapeDataString(id)}";
        return await cancellation.CancelAsync(id, ct) switch
        {
            { Result: RunCancelResult.Cancelling or RunCancelResult.Cancelled } => Results.Redirect(
                back
            ),
            { Result: RunCancelResult.AlreadyEnded, Detail: var status } => MessagePage.Conflict(
                $"Run '{id}' has already ended: {status}."
            ),
            { Result: RunCancelResult.RunningElsewhere, Detail: var node } => MessagePage.Conflict(
                $"Run '{id}' is running on node {node}; cancel it from that node's dashboard."
            ),
            { Result: RunCancelResult.NotFound } => MessagePage.NotFound(
                $"There is no run '{id}'."
            ),
            _ => MessagePage.Conflict($"Run '{id}' is starting; try again in a moment."),
        };
    }
}
