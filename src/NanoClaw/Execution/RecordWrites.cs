using NanoClaw.Configuration;
using NanoClaw.Runs;
using NanoClaw.Telemetry;

namespace NanoClaw.Execution;

/// <summary>
/// Retries a run record write with backoff for up to <c>StoreRetryBudget</c>: a lock another process
/// holds for a while, or a disk that fills and frees, costs a delay rather than a record. Each try
/// waits seconds for a lock (<see cref="StoreWaitLimit"/>), so the budget is what bounds the whole.
/// </summary>
internal sealed class RecordWrites(NanoClawOptions options, ILogger<RecordWrites> logger)
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LongestDelay = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(5);

    /// <summary>Runs <paramref name="write"/> until it succeeds or the budget is spent; returns the last error, or null.</summary>
    /// <param name="what">What is written, for the log: "the start of run X".</param>
    /// <param name="write">The write; it gets the token to pass on.</param>
    /// <param name="cancellationToken">Ends the retries (the daemon stops).</param>
    public async Task<Exception?> TryAsync(
        string what,
        Func<CancellationToken, Task> write,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(write);
        using var activity = NanoClawTracing.StartRecord(what);
        var deadline = DateTimeOffset.UtcNow + options.StoreRetryBudget;
        var delay = FirstDelay;
        for (var attempt = 1; ; attempt++)
        {
            var left = deadline - DateTimeOffset.UtcNow;
            try
            {
                using var _ = StoreWaitLimit.Use(
                    left < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1)
                    : left < LongestWait ? left
                    : LongestWait
                );
                await write(cancellationToken);
                if (attempt > 1)
                    logger.LogInformation("Recorded {What} at attempt {Attempt}", what, attempt);
                return null;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                if (DateTimeOffset.UtcNow + delay >= deadline)
                    return ex;
                logger.LogWarning(
                    "Could not record {What} (attempt {Attempt}): {Error}; retrying",
                    what,
                    attempt,
                    ex.Message
                );
                await Task.Delay(delay, cancellationToken);
                delay = delay * 2 > LongestDelay ? LongestDelay : delay * 2;
            }
        }
    }
}
