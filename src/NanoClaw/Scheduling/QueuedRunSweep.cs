using NanoClaw.Runs;
using Quartz;

namespace NanoClaw.Scheduling;

/// <summary>
/// A run recorded <c>queued</c> whose firing is gone from the scheduler will never start: its group
/// was removed, or its firing was lost with a daemon. Such a record is settled <c>interrupted</c>
/// rather than left queued forever. A firing Quartz recovers after a crash keeps the run's data in
/// its recovery trigger, so that run still counts as waiting and runs under its own id.
/// </summary>
internal sealed class QueuedRunSweep(
    IScheduler scheduler,
    IRunStore store,
    ILogger<QueuedRunSweep> logger
)
{
    public async Task<int> SettleOrphansAsync(CancellationToken cancellationToken = default)
    {
        var queued = await store.ListAsync(
            new RunQuery { Status = RunStatus.Queued, Limit = 100_000 },
            cancellationToken
        );
        if (queued.Count == 0)
            return 0;
        var waiting = await WaitingRunIdsAsync(cancellationToken);
        var settled = 0;
        foreach (var run in queued.Where(r => !waiting.Contains(r.Id)))
        {
            // Only if still queued: a run that started meanwhile keeps its own record.
            if (
                !await store.SettleQueuedAsync(
                    run.Id,
                    RunStatus.Interrupted,
                    $"never started: its firing is no longer scheduled (group '{run.Group}' was removed, or the firing was lost when a daemon stopped)",
                    cancellationToken
                )
            )
                continue;
            settled++;
            logger.LogWarning(
                "Queued run {RunId} in group {Group} has no firing left; recorded as interrupted",
                run.Id,
                run.Group
            );
        }
        return settled;
    }

    private async Task<HashSet<string>> WaitingRunIdsAsync(CancellationToken cancellationToken)
    {
        var page = await scheduler.QueryTriggers(
            new TriggerQuery { Take = PagedQuery.All },
            cancellationToken
        );
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var recovering = new List<TriggerKey>();
        foreach (var header in page.Items)
        {
            if (QuartzKeys.IsManual(header.Key))
                ids.Add(QuartzKeys.RunIdOf(header.Key));
            else if (header.Key.Group == SchedulerConstants.DefaultRecoveryGroup)
                recovering.Add(header.Key);
        }
        foreach (var trigger in await scheduler.GetTriggers(recovering, cancellationToken))
        {
            if (trigger.JobDataMap.StringOrNull(JobDataKeys.Manual) is not { } json)
                continue;
            try
            {
                ids.Add(DefinitionJson.Deserialize<ManualRun>(json).RunId);
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidDataException)
            {
                // The job cannot read it either (GroupJob logs it): its run never starts.
            }
        }
        return ids;
    }
}
