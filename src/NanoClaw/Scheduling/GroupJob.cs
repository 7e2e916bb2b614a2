using NanoClaw.Execution;
using NanoClaw.Jobs;
using NanoClaw.Runs;
using Quartz;

namespace NanoClaw.Scheduling;

/// <summary>
/// The Quartz job of one group. <see cref="DisallowConcurrentExecutionAttribute"/> makes the store
/// hold every other trigger of the group (<c>BLOCKED</c>) while one runs, on this node and any other,
/// which is the "one run per group at a time" guarantee.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class GroupJob(RunExecutor executor, IRunStore runStore, ILogger<GroupJob> logger)
    : IJob
{
    public async ValueTask Execute(
        IJobExecutionContext context,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(context);
        RunPlan plan;
        try
        {
            plan = PlanOf(context);
        }
        catch (Exception ex) when (ex is InvalidDataException or System.Text.Json.JsonException)
        {
            // A trigger we cannot read would fail again on every firing: report it clearly and let the scheduler go on.
            logger.LogError(
                ex,
                "Trigger {Trigger} of job {Job} carries no readable run definition",
                context.Trigger.Key,
                context.JobDetail.Key
            );
            return;
        }

        // Recorded before the run: a crash mid-run is recovered by Quartz, not by re-creating the trigger.
        if (plan.Trigger != RunTrigger.Manual && plan.Task?.Once is { } once)
            await runStore.MarkOnceFiredAsync(plan.Task.Id, once, CancellationToken.None);
        var finished = await executor.ExecuteAsync(plan, cancellationToken);
        // A run stopped by the daemon's shutdown is handed back to Quartz, which re-runs it as a
        // recovery on the next start (RecoverFiringsCancelledByShutdown). Only such a run: a shutdown
        // that comes while a finished run is still being recorded must not make it run again.
        if (finished.Status == RunStatus.Interrupted)
            cancellationToken.ThrowIfCancellationRequested();
    }

    private static RunPlan PlanOf(IJobExecutionContext context)
    {
        var data = context.MergedJobDataMap;
        var group = DefinitionJson.Deserialize<GroupDefinition>(Read(data, JobDataKeys.Group));
        var scheduledAt = context.ScheduledFireTimeUtc ?? context.FireTimeUtc;
        var trigger = context.Recovering ? RunTrigger.Recovery : RunTrigger.Schedule;
        var newRunId = Guid.CreateVersion7().ToString("N");

        if (data.StringOrNull(JobDataKeys.Manual) is { } manualText)
        {
            var manual = DefinitionJson.Deserialize<ManualRun>(manualText);
            return new RunPlan
            {
                // A recovered manual run gets a new id: the interrupted one keeps its own record.
                RunId = context.Recovering ? newRunId : manual.RunId,
                Group = group,
                Task = manual.Task,
                Command = manual.Command,
                ModeOverride = manual.ExecutionMode,
                TimeoutOverride = manual.Timeout,
                Trigger = context.Recovering ? RunTrigger.Recovery : RunTrigger.Manual,
                ScheduledAt = scheduledAt,
            };
        }

        return new RunPlan
        {
            RunId = newRunId,
            Group = group,
            Task = DefinitionJson.Deserialize<TaskDefinition>(Read(data, JobDataKeys.Task)),
            Trigger = trigger,
            ScheduledAt = scheduledAt,
        };
    }

    private static string Read(JobDataMap data, string key) =>
        data.StringOrNull(key) ?? throw new InvalidDataException($"job data '{key}' is missing");
}
