using NanoClaw.Runs;
using NanoClaw.Scheduling;
using Quartz;

namespace NanoClaw.Admin;

/// <summary>
/// Where a run is: recorded (queued, running or ended), queued as an ad hoc trigger whose queued
/// record could not be written or as a pending retry, or unknown.
/// </summary>
internal sealed class RunLookup(IRunStore store, IScheduler scheduler, ManualRunGate gate)
{
    public async Task<RunState> FindAsync(
        string runId,
        CancellationToken cancellationToken = default
    )
    {
        if (await store.GetAsync(runId, cancellationToken) is { } record)
            return new RunState(record, IsQueued: record.Status == RunStatus.Queued);
        return new RunState(null, await QueuedTriggerAsync(runId, cancellationToken) is not null);
    }

    /// <summary>
    /// Drops an ad hoc run or a retry that has not started and records it <c>cancelled</c> where it
    /// has a record; false if there is none, or it started meanwhile.
    /// </summary>
    public async Task<bool> UnqueueAsync(
        string runId,
        CancellationToken cancellationToken = default
    )
    {
        var key = await QueuedTriggerAsync(runId, cancellationToken);
        // A queued record without its trigger may be a firing Quartz is recovering: the gate stops that too.
        if (
            key is null
            && (await store.GetAsync(runId, cancellationToken))?.Status != RunStatus.Queued
        )
            return false;
        if (!gate.TryDrop(runId))
            return false;
        // Deleted whether or not Quartz has taken it already: a firing in hand stops at the gate.
        if (key is not null)
            await scheduler.UnscheduleJob(key, cancellationToken);
        await store.SettleQueuedAsync(
            runId,
            RunStatus.Cancelled,
            "cancelled by an admin before it started",
            CancellationToken.None
        );
        return true;
    }

    private async Task<TriggerKey?> QueuedTriggerAsync(
        string runId,
        CancellationToken cancellationToken
    )
    {
        var page = await scheduler.QueryTriggers(
            new TriggerQuery
            {
                Name = NameMatcher<TriggerKey>.NameEquals(QuartzKeys.ManualName(runId)),
                Take = 1,
            },
            cancellationToken
        );
        if (page.Items.Count > 0)
            return page.Items[0].Key;
        // A pending retry (README "Retries") is queued under its run id too.
        var retries = await scheduler.QueryTriggers(
            new TriggerQuery
            {
                Name = NameMatcher<TriggerKey>.NameEndsWith(":" + runId),
                Take = PagedQuery.All,
            },
            cancellationToken
        );
        return retries.Items.Select(h => h.Key).FirstOrDefault(QuartzKeys.IsRetry);
    }
}
