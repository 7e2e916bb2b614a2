using System.Globalization;
using NanoClaw.Configuration;
using NanoClaw.Files;
using NanoClaw.Runs;

namespace NanoClaw.Admin;

/// <summary><c>/api/runs</c>: history, one run, waiting for its end, its output (whole or live), cancelling it.</summary>
internal static class RunEndpoints
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    public static void Map(RouteGroupBuilder api)
    {
        var runs = api.MapGroup("/runs");
        runs.MapGet("/", ListAsync);
        runs.MapGet("/{id}", GetAsync);
        runs.MapGet("/{id}/wait", WaitAsync);
        runs.MapGet("/{id}/output", OutputAsync);
        runs.MapGet("/{id}/stream", StreamAsync);
        runs.MapPost("/{id}/cancel", CancelAsync);
    }

    private static async Task<IResult> ListAsync(
        string? task,
        string? group,
        string? status,
        string? limit,
        string? idPrefix,
        IRunStore store,
        CancellationToken ct
    )
    {
        RunStatus? parsedStatus = null;
        if (status is not null && (parsedStatus = RunStatusNames.Parse(status)) is null)
            return ApiProblems.BadRequest(
                $"'status' must be one of {string.Join(", ", RunStatusNames.All)}, not '{status}'"
            );
        var parsedLimit = 20;
        if (
            limit is not null
            && (
                !int.TryParse(limit, CultureInfo.InvariantCulture, out parsedLimit)
                || parsedLimit is < 1 or > 100_000
            )
        )
            return ApiProblems.BadRequest(
                $"'limit' must be a number from 1 to 100000, not '{limit}'"
            );
        var query = new RunQuery
        {
            TaskId = task,
            Group = group,
            Status = parsedStatus,
            Limit = parsedLimit,
            IdPrefix = string.IsNullOrEmpty(idPrefix) ? null : idPrefix,
        };
        return Results.Json(await store.ListAsync(query, ct), RunJson.Options);
    }

    private static async Task<IResult> GetAsync(
        string id,
        RunLookup lookup,
        CancellationToken ct
    ) =>
        await lookup.FindAsync(id, ct) switch
        {
            { Record: { } record } => Results.Json(record, RunJson.Options),
            { IsQueued: true } => ApiProblems.NotFound(
                $"run '{id}' is queued and has not started yet"
            ),
            _ => ApiProblems.NotFound($"no run '{id}'"),
        };

    /// <summary>Answers when the run has ended (a long poll), so a client waits without hammering the store.</summary>
    private static async Task<IResult> WaitAsync(string id, RunLookup lookup, CancellationToken ct)
    {
        while (true)
        {
            var state = await lookup.FindAsync(id, ct);
            if (state.Record is { Status: not (RunStatus.Running or RunStatus.Queued) } record)
                return Results.Json(record, RunJson.Options);
            if (state is { Record: null, IsQueued: false })
                return ApiProblems.NotFound($"no run '{id}'");
            await Task.Delay(PollInterval, ct);
        }
    }

    private static async Task<IResult> OutputAsync(
        string id,
        RunLookup lookup,
        NanoClawPaths paths,
        CancellationToken ct
    )
    {
        if ((await lookup.FindAsync(id, ct)).Record is not { } record)
            return ApiProblems.NotFound($"no run '{id}' has output yet");
        if (record.Status == RunStatus.Queued)
            return Results.Text("", "text/plain; charset=utf-8");
        // Only the daemon's own file, reached without following a link (see RunLogFiles).
        var opening = RunLogFiles.OpenForReading(paths, record.Group, record.LogPath);
        if (opening.Handle is { } handle)
            return Results.Stream(
                new FileStream(handle, FileAccess.Read, bufferSize: 0),
                "text/plain; charset=utf-8"
            );
        // No log file (cleaned up, or the run failed before it started), or not one to serve: what the record kept.
        return Results.Text(
            RunLogFallback.Text(record, opening.Refusal),
            "text/plain; charset=utf-8"
        );
    }

    private static async Task StreamAsync(
        string id,
        HttpContext context,
        RunLookup lookup,
        NanoClawPaths paths,
        CancellationToken ct
    )
    {
        var record = await RunLogStream.WaitForStartAsync(id, lookup, ct);
        if (record is null)
        {
            await ApiProblems.NotFound($"no run '{id}'").ExecuteAsync(context);
            return;
        }
        await RunLogStream.WriteAsync(context.Response, record, lookup, paths, ct);
    }

    /// <summary>
    /// Stops a running run (202; it is recorded <c>cancelled</c> once its processes are gone) or drops a
    /// queued one (200, recorded <c>cancelled</c> at once); 409 for a run that has ended.
    /// </summary>
    private static async Task<IResult> CancelAsync(
        string id,
        RunCancellation cancellation,
        CancellationToken ct
    ) =>
        await cancellation.CancelAsync(id, ct) switch
        {
            { Result: RunCancelResult.Cancelling } => Results.Accepted(
                $"/api/runs/{id}",
                new { id, status = "cancelling" }
            ),
            { Result: RunCancelResult.Cancelled } => Results.Ok(new { id, status = "cancelled" }),
            { Result: RunCancelResult.AlreadyEnded, Detail: var status } => ApiProblems.Conflict(
                $"run '{id}' has already ended: {status}"
            ),
            { Result: RunCancelResult.RunningElsewhere, Detail: var node } => ApiProblems.Conflict(
                $"run '{id}' is running on node {node}; cancel it through that node's admin API"
            ),
            { Result: RunCancelResult.NotFound } => ApiProblems.NotFound($"no run '{id}'"),
            _ => ApiProblems.Conflict($"run '{id}' is starting; try again in a moment"),
        };
}
