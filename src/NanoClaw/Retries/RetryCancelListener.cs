using NanoClaw.Scheduling;
using Quartz;

namespace NanoClaw.Retries;

/// <summary>
/// Drops pending retries when their task is paused (alone or with its group) or removed: a pause
/// means "stop running this", and a retry that ran on resume would surprise (README "Retries").
/// It hears every way a pause or removal happens (CLI, admin API, jobs-file sync).
/// </summary>
internal sealed class RetryCancelListener(ILogger<RetryCancelListener> logger) : ISchedulerListener
{
    public ValueTask TriggerPaused(
        IScheduler scheduler,
        TriggerKey triggerKey,
        CancellationToken cancellationToken = default
    ) => DropForTaskAsync(scheduler, triggerKey, "the task was paused", cancellationToken);

    public ValueTask JobUnscheduled(
        IScheduler scheduler,
        TriggerKey triggerKey,
        CancellationToken cancellationToken = default
    ) => DropForTaskAsync(scheduler, triggerKey, "the task was removed", cancellationToken);

    public async ValueTask TriggersPaused(
        IScheduler scheduler,
        string? triggerGroup,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        var groups = triggerGroup is null
            ? await scheduler.GetTriggerGroupNames(cancellationToken)
            : [triggerGroup];
        foreach (var group in groups)
            await DropAsync(scheduler, group, null, "the group was paused", cancellationToken);
    }

    private async ValueTask DropForTaskAsync(
        IScheduler scheduler,
        TriggerKey key,
        string reason,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(key);
        // Retries and ad hoc runs are not tasks; a fired retry being removed is not a removed task.
        if (QuartzKeys.IsRetry(key) || QuartzKeys.IsManual(key))
            return;
        await DropAsync(scheduler, key.Group, key.Name, reason, cancellationToken);
    }

    private async Task DropAsync(
        IScheduler scheduler,
        string group,
        string? taskId,
        string reason,
        CancellationToken cancellationToken
    )
    {
        try
        {
            var keys = await RetryTriggers.PendingAsync(
                scheduler,
                group,
                taskId,
                cancellationToken
            );
            if (keys.Count == 0)
                return;
            await scheduler.UnscheduleJobs(keys, cancellationToken);
            foreach (var key in keys)
                logger.LogInformation("Pending retry {Retry} dropped: {Reason}", key, reason);
        }
        catch (SchedulerException ex)
        {
            // A listener must not fail the pause it hears about; the retry re-checks the task when it fires.
            logger.LogError(
                ex,
                "Could not drop the pending retries of {Group}/{Task}",
                group,
                taskId
            );
        }
    }
}
