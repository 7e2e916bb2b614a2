using Dapper;
using NanoClaw.Configuration;
using NanoClaw.Execution;
using NanoClaw.Runs;
using NanoClaw.Runs.Sqlite;
using NanoClaw.Scheduling;
using Quartz;

namespace NanoClaw.Hosting;

/// <summary>
/// Tells a scheduler loop that stopped taking firings. The signal is one indexed read: a trigger
/// still waiting long after its fire time while threads are free. Quartz takes a due trigger at once
/// when a thread is free and its misfire handler moves a late one on within about
/// <c>MisfireThreshold</c>, so one overdue by twice that and a margin has been left behind.
/// </summary>
internal sealed class SchedulerStall(
    IScheduler scheduler,
    SqliteConnectionFactory connections,
    ActiveRuns active,
    NanoClawOptions options
)
{
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(30);

    private const string EarliestWaitingSql = """
        SELECT MIN(NEXT_FIRE_TIME) FROM QRTZ_TRIGGERS
        WHERE SCHED_NAME = @schedulerName AND TRIGGER_STATE = 'WAITING'
        """;

    /// <summary>Why the scheduler looks stalled, or null.</summary>
    public async Task<string?> FindAsync(CancellationToken cancellationToken)
    {
        if (scheduler.Status != SchedulerStatus.Running)
            return null;
        if (active.Snapshot().Count >= options.MaxConcurrentRuns)
            return null;
        long? ticks;
        try
        {
            using var _ = StoreWaitLimit.Use(TimeSpan.FromSeconds(1));
            await using var connection = await connections.OpenAsync(cancellationToken);
            ticks = await connection.ExecuteScalarAsync<long?>(
                new CommandDefinition(
                    EarliestWaitingSql,
                    new { schedulerName = QuartzRegistration.SchedulerName },
                    cancellationToken: cancellationToken
                )
            );
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex)
        {
            return $"the scheduler's store could not be read ({ex.Message})";
        }
        if (ticks is not { } t)
            return null;
        var overdue = DateTimeOffset.UtcNow - new DateTimeOffset(t, TimeSpan.Zero);
        var limit = options.MisfireThreshold * 2 + Margin;
        return overdue > limit
            ? $"the scheduler loop has stalled: a firing is {overdue:g} overdue (past {limit:g}) while threads are free"
            : null;
    }
}
