using Microsoft.Data.Sqlite;
using NanoClaw.Runs;

namespace NanoClaw.Admin;

/// <summary>
/// An admin call waits at most <see cref="StoreWait"/> for the store's lock, and a store that is
/// locked or out of space is answered as such (503, 507) with what to do, not as a bare 500.
/// </summary>
internal sealed class StoreFaultMiddleware(
    RequestDelegate next,
    StoreHealth health,
    ILogger<StoreFaultMiddleware> logger
)
{
    /// <summary>How long one admin call may wait for a lock another process holds on the store.</summary>
    public static readonly TimeSpan StoreWait = TimeSpan.FromSeconds(5);

    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteFull = 13;
    private const int NoSpaceLeft = 28;

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var _ = StoreWaitLimit.Use(StoreWait);
        try
        {
            await next(context);
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

    private IResult? ProblemOf(Exception ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            if (e is SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked })
                return ApiProblems.StoreBusy(
                    $"The run store {health.Store} is busy: another process holds its lock and this call waited {StoreWait.TotalSeconds:0} s. Try again shortly; if it lasts, find the process holding the file (fuser {health.Store})."
                );
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
