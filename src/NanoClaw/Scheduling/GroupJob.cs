using NanoClaw.Configuration;
using NanoClaw.Execution;
using NanoClaw.Jobs;
using NanoClaw.Runs;
using NanoClaw.Telemetry;
using Quartz;

namespace NanoClaw.Scheduling;

/// <summary>
/// The Quartz job of one group. <see cref="DisallowConcurrentExecutionAttribute"/> makes the store
/// hold every other trigger of the group (<c>BLOCKED</c>) while one runs, on this node and any other,
/// which is the "one run per group at a time" guarantee.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class GroupJob(
    RunExecutor executor,
    IRunStore runStore,
    ManualRunGate manualRuns,
    NanoClawOptions options,
    ILogger<GroupJob> logger
) : IJob
{
    public async ValueTask Execute(
        IJobExecutionContext context,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(context);
        using var firing = NanoClawTracing.StartFiring(context);
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

        if (IsTooLateToStart(plan))
        {
            logger.LogWarning(
                "Firing of task {TaskId} due at {ScheduledAt:o} skipped: it would start {Late} late, past MisfireThreshold, and the task's misfire policy is skip",
                plan.Task!.Id,
                plan.ScheduledAt,
                DateTimeOffset.UtcNow - plan.ScheduledAt
            );
            return;
        }
        if (context.Recovering && await FinishedAlreadyAsync(plan))
            return;
        var isManual = plan.Trigger == RunTrigger.Manual;
        if (isManual && !manualRuns.TryStart(plan.RunId))
        {
            logger.LogInformation("Run {RunId} was dropped before it started", plan.RunId);
            return;
        }
        try
        {
            await ExecuteAsync(plan, cancellationToken);
        }
        finally
        {
            if (isManual)
                manualRuns.Finished(plan.RunId);
        }
    }

    private async Task ExecuteAsync(RunPlan plan, CancellationToken cancellationToken)
    {
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

    /// <summary>
    /// <c>skip</c> holds at the moment a run would start, not only when Quartz acquires the firing:
    /// a firing taken just before a stall (a stopped or starved daemon) is as late as a missed one.
    /// </summary>
    private bool IsTooLateToStart(RunPlan plan) =>
        plan.Trigger == RunTrigger.Schedule
        && plan.Task?.Misfire == MisfirePolicy.Skip
        && DateTimeOffset.UtcNow - plan.ScheduledAt > options.MisfireThreshold;

    /// <summary>
    /// Quartz re-runs a firing whose completion it had not recorded when the daemon died, and a kill
    /// can land after the run ended and was recorded: such a firing has run, and runs no second time.
    /// </summary>
    private async Task<bool> FinishedAlreadyAsync(RunPlan plan)
    {
        var previous = await runStore.FindFiringAsync(plan.FiringId, CancellationToken.None);
        if (previous is null || previous.Status == RunStatus.Interrupted)
            return false;
        logger.LogWarning(
            "Recovery of firing {FiringId} runs nothing: run {RunId} carried it out already ({Status})",
            plan.FiringId,
            previous.Id,
            RunStatusNames.ToName(previous.Status)
        );
        return true;
    }

    private static RunPlan PlanOf(IJobExecutionContext context)
    {
        var data = context.MergedJobDataMap;
        var group = DefinitionJson.Deserialize<GroupDefinition>(Read(data, JobDataKeys.Group));
        var scheduledAt = context.ScheduledFireTimeUtc ?? context.FireTimeUtc;
        var trigger = context.Recovering ? RunTrigger.Recovery : RunTrigger.Schedule;
        var newRunId = Guid.CreateVersion7().ToString("N");
        var firingId = FiringIdOf(context, scheduledAt);

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
                FiringId = "manual:" + manual.RunId,
            };
        }

        return new RunPlan
        {
            RunId = newRunId,
            Group = group,
            Task = DefinitionJson.Deserialize<TaskDefinition>(Read(data, JobDataKeys.Task)),
            Trigger = trigger,
            ScheduledAt = scheduledAt,
            FiringId = firingId,
        };
    }

    /// <summary>
    /// The trigger and the fire time Quartz keeps in its fired-trigger row, which is what a recovery
    /// reports as its scheduled time. A misfired firing's time is the one the misfire policy set,
    /// which the trigger holds as its previous fire time once fired; the context's scheduled time
    /// would still be the missed one.
    /// </summary>
    private static string FiringIdOf(IJobExecutionContext context, DateTimeOffset scheduledAt)
    {
        if (context.Recovering)
            return $"{context.RecoveringTriggerKey}@{scheduledAt.ToUnixTimeMilliseconds()}";
        var firedAt =
            (context.Trigger as Quartz.Extensibility.IMutableTrigger)?.PreviousFireTimeUtc
            ?? scheduledAt;
        return $"{context.Trigger.Key}@{firedAt.ToUnixTimeMilliseconds()}";
    }

    private static string Read(JobDataMap data, string key) =>
        data.StringOrNull(key) ?? throw new InvalidDataException($"job data '{key}' is missing");
}
