using NanoClaw.Configuration;
using NanoClaw.Execution;
using NanoClaw.Jobs;
using NanoClaw.Retries;
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
    TaskPauses pauses,
    RetryScheduler retries,
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
                "Firing of task {TaskId} in group {Group} due at {ScheduledAt:o} skipped: it would start {Late} late, past MisfireThreshold, and the task's misfire policy is skip",
                plan.Task!.Id,
                plan.Group.Name,
                plan.ScheduledAt,
                DateTimeOffset.UtcNow - plan.ScheduledAt
            );
            return;
        }
        if (await IsPausedAloneAsync(plan, cancellationToken))
            return;
        if (context.Recovering && await FinishedAlreadyAsync(plan))
            return;
        if (context.Recovering)
            plan = await ResumeQueuedAsync(plan);
        if (RetryOf(context) is { } retry)
        {
            if (await retries.PrepareAsync(plan, retry, cancellationToken) is not { } retryPlan)
                return;
            plan = retryPlan;
        }
        // Ad hoc runs and retries are queued under the run id an admin can drop them by.
        var isManual = plan.Trigger is RunTrigger.Manual or RunTrigger.Retry;
        if (isManual && !manualRuns.TryStart(plan.RunId))
        {
            logger.LogInformation(
                "Run {RunId} of task {TaskId} in group {Group} was dropped before it started",
                plan.RunId,
                plan.Task?.Id ?? "(exec)",
                plan.Group.Name
            );
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
        // A new firing of the task is its next attempt already: a retry still waiting would only repeat it.
        if (plan.Task is { } task && plan.Trigger is RunTrigger.Schedule or RunTrigger.Manual)
            await retries.CancelPendingAsync(
                plan.Group.Name,
                task.Id,
                $"run {plan.RunId} of the task started"
            );
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
    /// Resuming a group resumes all its triggers before the tasks paused on their own are paused
    /// again; a firing one of them gets in that instant is dropped here, as its pause says.
    /// </summary>
    private async Task<bool> IsPausedAloneAsync(RunPlan plan, CancellationToken cancellationToken)
    {
        if (
            plan.Trigger != RunTrigger.Schedule
            || plan.Task is not { } task
            || !await pauses.IsPausedAsync(task.Group, task.Id, cancellationToken)
        )
            return false;
        logger.LogInformation(
            "Firing of task {TaskId} in group {Group} due at {ScheduledAt:o} dropped: the task is paused",
            task.Id,
            task.Group,
            plan.ScheduledAt
        );
        return true;
    }

    /// <summary>
    /// Quartz re-runs a firing whose completion it had not recorded when the daemon died, and a kill
    /// can land after the run ended and was recorded: such a firing has run, and runs no second time.
    /// </summary>
    private async Task<bool> FinishedAlreadyAsync(RunPlan plan)
    {
        var previous = await runStore.FindFiringAsync(plan.FiringId, CancellationToken.None);
        if (previous is null || previous.Status is RunStatus.Interrupted or RunStatus.Queued)
            return false;
        logger.LogWarning(
            "Recovery of firing {FiringId} (task {TaskId} in group {Group}) runs nothing: run {RunId} carried it out already ({Status})",
            plan.FiringId,
            plan.Task?.Id ?? "(exec)",
            plan.Group.Name,
            previous.Id,
            RunStatusNames.ToName(previous.Status)
        );
        return true;
    }

    /// <summary>
    /// An ad hoc run whose firing was taken but which had not started when the daemon died is still
    /// the run its caller was given: it runs under its own id (recorded <c>queued</c>, or not at all),
    /// so <c>run ID</c> and <c>logs ID</c> find it. One that had started keeps its interrupted record
    /// and the recovery is a new run.
    /// </summary>
    private async Task<RunPlan> ResumeQueuedAsync(RunPlan plan)
    {
        if (!plan.FiringId.StartsWith(ManualFiring, StringComparison.Ordinal))
            return plan;
        var queuedId = plan.FiringId[ManualFiring.Length..];
        var record = await runStore.GetAsync(queuedId, CancellationToken.None);
        return record is null || record.Status == RunStatus.Queued
            ? plan with
            {
                RunId = queuedId,
                Trigger = RunTrigger.Manual,
            }
            : plan;
    }

    private const string ManualFiring = "manual:";

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
                FiringId = ManualFiring + manual.RunId,
            };
        }

        if (RetryOf(context) is { } retry)
            return new RunPlan
            {
                // The task is read when the retry runs (RetryScheduler.PrepareAsync), as it is then.
                RunId = context.Recovering ? newRunId : retry.RunId,
                Group = group,
                Trigger = context.Recovering ? RunTrigger.Recovery : RunTrigger.Retry,
                ScheduledAt = scheduledAt,
                FiringId = "retry:" + retry.RunId,
                Attempt = retry.Attempt,
                RetryOf = retry.RetryOf,
            };

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

    private static RetryRun? RetryOf(IJobExecutionContext context) =>
        context.MergedJobDataMap.StringOrNull(JobDataKeys.Retry) is { } json
            ? DefinitionJson.Deserialize<RetryRun>(json)
            : null;

    private static string Read(JobDataMap data, string key) =>
        data.StringOrNull(key) ?? throw new InvalidDataException($"job data '{key}' is missing");
}
