using NanoClaw.Configuration;
using NanoClaw.Execution;
using NanoClaw.Jobs;
using NanoClaw.Runs;

namespace NanoClaw.Scheduling;

/// <summary>
/// Queues an ad hoc run (trigger, exec) and records it as <c>queued</c>, so the id the caller gets is
/// found by <c>runs</c>, <c>run</c> and <c>logs</c> before the run starts. The trigger is scheduled
/// first: a record therefore always has a firing behind it, and the record is written only if the
/// run has not started already (its start would otherwise be overwritten).
/// </summary>
internal sealed class ManualRunQueue(
    TaskControl control,
    IRunStore store,
    RunRequestFactory requests,
    NanoClawOptions options,
    ILogger<ManualRunQueue> logger
)
{
    public async Task QueueAsync(
        GroupDefinition group,
        ManualRun run,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(run);
        var queuedAt = DateTimeOffset.UtcNow;
        await control.QueueAsync(group.Name, run, cancellationToken);
        var plan = new RunPlan
        {
            RunId = run.RunId,
            Group = group,
            Task = run.Task,
            Command = run.Command,
            ModeOverride = run.ExecutionMode,
            Trigger = RunTrigger.Manual,
            ScheduledAt = queuedAt,
        };
        var record = new RunRecord
        {
            Id = run.RunId,
            TaskId = run.Task?.Id,
            Group = group.Name,
            Mode = requests.ModeOf(plan),
            Trigger = RunTrigger.Manual,
            Status = RunStatus.Queued,
            ScheduledAt = queuedAt,
            // Until it starts, when it was queued: history stays in order, newest first.
            StartedAt = queuedAt,
            Node = options.NodeName,
        };
        try
        {
            await store.InsertQueuedAsync(record, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The run is queued all the same and recorded when it starts; only its waiting is not visible.
            logger.LogWarning(
                "Run {RunId} is queued in group {Group} but could not be recorded as queued: {Error}",
                run.RunId,
                group.Name,
                ex.Message
            );
        }
    }
}
