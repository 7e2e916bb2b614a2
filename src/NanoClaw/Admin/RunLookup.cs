using NanoClaw.Runs;
using NanoClaw.Scheduling;
using Quartz;

namespace NanoClaw.Admin;

/// <summary>Where a run is: recorded (running or ended), still queued as an ad hoc trigger or a retry, or unknown.</summary>
internal sealed class RunLookup(IRunStore store, IScheduler scheduler, ManualRunGate gate)
{
    public async Task<RunState> FindAsync(
        string runId,
        CancellationToken cancellationToken = default
    )
    {
        if (await store.GetAsync(runId, cancellationToken) is { } record)
            return new RunState(record, IsQueued: false);
        return new RunState(null, await QueuedTriggerAsync(runId, cancellationToken) is not null);
    }

    /// <summary>Drops an ad hoc run or a retry that has not started; false if there is none, or it started meanwhile.</summary>
    public async Task<bool> UnqueueAsync(
        string runId,
        CancellationToken cancellationToken = default
    )
    {
        if (
            await QueuedTriggerAsync(runId, cancellationToken) is not { } key
            || !gate.TryDrop(runId)
        )
            return false;
        // Deleted whether or not Quartz has taken it already: a firing in hand stops at the gate.
        await scheduler.UnscheduleJob(key, cancellationToken);
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
