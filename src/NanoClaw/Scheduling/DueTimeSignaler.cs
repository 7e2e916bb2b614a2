using Dapper;
using Microsoft.Data.Sqlite;
using Quartz;
using Quartz.Extensibility;

namespace NanoClaw.Scheduling;

/// <summary>
/// Tells Quartz's firing loop when the work a store change released is due, where the store itself
/// only says "something changed".
/// </summary>
/// <remarks>
/// <para>
/// Every run of a group ends with its job's other triggers unblocked (<c>[DisallowConcurrentExecution]</c>),
/// and the store signals that as a change of unknown time. The loop takes an unknown time as possibly
/// earlier than the batch it holds, so whenever that batch is due more than 70 ms later it releases
/// the batch — one transaction per trigger — and acquires it again. With many groups on a short
/// schedule, each run's end made the loop release and re-acquire the whole next batch: the measured
/// cost grew with the square of the batch, and it was most of the scheduler's own work.
/// </para>
/// <para>
/// Only a <c>WAITING</c> trigger can be acquired, so the earliest <c>WAITING</c> fire time is exactly
/// the earliest thing the loop could find by looking again; this signals that time instead. The loop
/// then releases only for work that really is due sooner, as it does for any signal with a time. If
/// the store cannot be read, the signal stays the store's own. Quartz's cluster-only interrupt polling
/// is not forwarded: the SQLite store is never clustered.
/// </para>
/// </remarks>
internal sealed class DueTimeSignaler(
    ISchedulerSignaler inner,
    string connectionString,
    string schedulerName,
    ILogger<DueTimeSignaler> logger
) : ISchedulerSignaler
{
    // Quartz's stand-in for "a change at no particular time" (SchedulerConstants.SchedulingSignalDateTime).
    private static readonly DateTimeOffset UnknownTime = new(1982, 6, 28, 0, 0, 0, TimeSpan.Zero);

    private const string EarliestWaitingSql = """
        SELECT MIN(NEXT_FIRE_TIME) FROM QRTZ_TRIGGERS
        WHERE SCHED_NAME = @schedulerName AND TRIGGER_STATE = 'WAITING'
        """;

    public ValueTask SignalSchedulingChange(
        DateTimeOffset? candidateNewNextFireTimeUtc,
        CancellationToken cancellationToken = default
    )
    {
        if (candidateNewNextFireTimeUtc is { } candidate && candidate != UnknownTime)
            return inner.SignalSchedulingChange(candidate, cancellationToken);
        var earliest = EarliestWaitingFireTime();
        // Nothing waiting: nothing the loop could acquire sooner, so there is nothing to tell it.
        return earliest == DateTimeOffset.MaxValue
            ? ValueTask.CompletedTask
            : inner.SignalSchedulingChange(earliest, cancellationToken);
    }

    /// <returns>The earliest fire time among waiting triggers, <see cref="DateTimeOffset.MaxValue"/>
    /// for none, or <c>null</c> when it cannot be told.</returns>
    private DateTimeOffset? EarliestWaitingFireTime()
    {
        try
        {
            using var connection = new SqliteConnection(connectionString);
            var ticks = connection.ExecuteScalar<long?>(EarliestWaitingSql, new { schedulerName });
            return ticks is { } t ? new DateTimeOffset(t, TimeSpan.Zero) : DateTimeOffset.MaxValue;
        }
        catch (SqliteException ex)
        {
            logger.LogDebug(
                ex,
                "Could not read the earliest waiting trigger; signalling a change of unknown time"
            );
            return null;
        }
    }

    public ValueTask NotifyTriggerListenersMisfired(
        ITrigger trigger,
        CancellationToken cancellationToken = default
    ) => inner.NotifyTriggerListenersMisfired(trigger, cancellationToken);

    public ValueTask NotifyTriggerListenersSkipped(
        ITrigger trigger,
        CancellationToken cancellationToken = default
    ) => inner.NotifyTriggerListenersSkipped(trigger, cancellationToken);

    public ValueTask NotifySchedulerListenersFinalized(
        ITrigger trigger,
        CancellationToken cancellationToken = default
    ) => inner.NotifySchedulerListenersFinalized(trigger, cancellationToken);

    public ValueTask NotifySchedulerListenersJobDeleted(
        JobKey jobKey,
        CancellationToken cancellationToken = default
    ) => inner.NotifySchedulerListenersJobDeleted(jobKey, cancellationToken);

    public ValueTask NotifySchedulerListenersTriggerInError(
        TriggerKey triggerKey,
        CancellationToken cancellationToken = default
    ) => inner.NotifySchedulerListenersTriggerInError(triggerKey, cancellationToken);

    public ValueTask NotifySchedulerListenersTriggersInError(
        JobKey jobKey,
        CancellationToken cancellationToken = default
    ) => inner.NotifySchedulerListenersTriggersInError(jobKey, cancellationToken);

    public ValueTask NotifySchedulerListenersError(
        SchedulerErrorContext error,
        CancellationToken cancellationToken = default
    ) => inner.NotifySchedulerListenersError(error, cancellationToken);
}
