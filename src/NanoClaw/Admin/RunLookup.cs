using NanoClaw.Runs;
using NanoClaw.Scheduling;
using Quartz;

namespace NanoClaw.Admin;

/// <summary>Where a run is: recorded (running or ended), still queued as an ad hoc trigger, or unknown.</summary>
internal sealed class RunLookup(IRunStore store, IScheduler scheduler)
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

    /// <summary>Drops an ad hoc run that has not started; false if there is none.</summary>
    public async Task<bool> UnqueueAsync(
        string runId,
        CancellationToken cancellationToken = default
    ) =>
        await QueuedTriggerAsync(runId, cancellationToken) is { } key
        && await store.GetAsync(runId, cancellationToken) is null
        && await scheduler.UnscheduleJob(key, cancellationToken);

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
        return page.Items.Count > 0 ? page.Items[0].Key : null;
    }
}
