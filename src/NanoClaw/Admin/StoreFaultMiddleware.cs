using Microsoft.Data.Sqlite;
using NanoClaw.Runs;

namespace NanoClaw.Admin;

/// <summary>
/// A call waits at most <see cref="StoreWait"/> for the store's lock another process holds, and at
/// most <see cref="CallLimit"/> in all for the scheduler (whose own operations queue behind one
/// stuck on that lock); a store that is locked or out of space is answered as such (503, 507) with
/// what to do, not as a bare 500. Waiting for a run, following its output and downloading its log are not cut short.
/// </summary>
internal sealed class StoreFaultMiddleware(
    RequestDelegate next,
    StoreHealth health,
    ILogger<StoreFaultMiddleware> logger
)
{
    /// <summary>How long one admin call may wait for a lock another process holds on the store.</summary>
    public static readonly TimeSpan StoreWait = TimeSpan.FromSeconds(3);

    /// <summary>How long one admin call may take, the scheduler's queue included.</summary>
    public static readonly TimeSpan CallLimit = TimeSpan.FromSeconds(8);

    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteFull = 13;
    private const int NoSpaceLeft = 28;

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var _ = StoreWaitLimit.Use(StoreWait);
        var clientAborted = context.RequestAborted;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(clientAborted);
        if (!LastsAsLongAsARun(context.Request.Path))
        {
            limit.CancelAfter(CallLimit);
            context.RequestAborted = limit.Token;
        }
        try
        {
            await next(context);
        }
        catch (OperationCanceledException)
            when (limit.IsCancellationRequested
                && !clientAborted.IsCancellationRequested
                && !context.Response.HasStarted
            )
        {
            logger.LogWarning(
                "Admin call {Method} {Path} gave up after {Limit}: the scheduler or the run store {Store} is busy",
                context.Request.Method,
                context.Request.Path,
                CallLimit,
                health.Store
            );
            await Busy().ExecuteAsync(context);
        }
        catch (Exception ex) when (!context.Response.HasStarted && ProblemOf(ex) is { } problem)
        {
            logger.LogWarning(
                "Admin call {Method} {Path} failed on the run store: {Error}",
                context.Request.Method,
                context.Request.Path,
                ex.Message
            );
            await problem.ExecuteAsync(context);
        }
    }

    private IResult Busy() =>
        ApiProblems.StoreBusy(
            $"The run store {health.Store} is busy: another process holds its lock (or the scheduler is waiting for it) and this call gave up. Try again shortly; if it lasts, find the process holding the file (fuser {health.Store})."
        );

    private static bool LastsAsLongAsARun(PathString path) =>
        path.Value is { } value
        && (
            value.EndsWith("/wait", StringComparison.Ordinal)
            || value.EndsWith("/stream", StringComparison.Ordinal)
            || value.EndsWith("/output", StringComparison.Ordinal)
        );

    private IResult? ProblemOf(Exception ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            if (e is SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked })
                return Busy();
            if (
                e is SqliteException { SqliteErrorCode: SqliteFull }
                || (e is IOException && (e.HResult & 0xFFFF) == NoSpaceLeft)
            )
                return ApiProblems.StoreFull(
                    $"No space left on the device of the run store or the groups folder ({e.Message}). Free disk space, then try again."
                );
        }
        return null;
    }
}
