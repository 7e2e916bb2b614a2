using NanoClaw.Execution;
using NanoClaw.Jobs;
using NanoClaw.Runners;
using NanoClaw.Runs;
using NanoClaw.Scheduling;
using Quartz;

namespace NanoClaw.Retries;

/// <summary>
/// Decides after each task run whether its firing is retried, and queues the retry as a one-shot
/// trigger of the group's job (README "Retries"). A new regular or manual run of the task
/// supersedes a pending retry; pausing or removing the task drops it (<see cref="RetryCancelListener"/>).
/// </summary>
internal sealed class RetryScheduler(IScheduler scheduler, ILogger<RetryScheduler> logger)
{
    /// <summary>Queues the next attempt of <paramref name="finished"/>'s firing if its policy asks for one; returns it or null.</summary>
    public async Task<RetryRun?> AfterRunAsync(RunPlan plan, RunRecord finished, AgentOutput? agent)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(finished);
        if (plan.Task is not { } task || (task.Retry ?? plan.Group.Retry) is not { } policy)
            return null;
        if (!policy.Covers(finished.Status))
            return null;
        if (finished.Attempt >= policy.MaxAttempts)
        {
            if (policy.MaxAttempts > 1)
                logger.LogWarning(
                    "Task {TaskId} failed at attempt {Attempt} of {MaxAttempts}: no more retries of this firing",
                    task.Id,
                    finished.Attempt,
                    policy.MaxAttempts
                );
            return null;
        }
        if (agent?.Retry == false)
        {
            logger.LogInformation(
                "Run {RunId} of task {TaskId} is not retried: its agent asked for no retry",
                finished.Id,
                task.Id
            );
            return null;
        }
        var retry = new RetryRun
        {
            RunId = TaskControl.NewRunId(),
            TaskId = task.Id,
            Attempt = finished.Attempt + 1,
            RetryOf = finished.RetryOf ?? finished.Id,
            DueAt =
                (finished.FinishedAt ?? DateTimeOffset.UtcNow)
                + policy.DelayAfter(finished.Attempt),
        };
        try
        {
            await scheduler.ScheduleJob(
                RetryTriggers.Create(plan.Group.Name, retry),
                cancellationToken: CancellationToken.None
            );
        }
        catch (SchedulerException ex)
        {
            // The run is recorded already; a retry that cannot be queued is reported, never thrown into the scheduler.
            logger.LogError(
                ex,
                "Could not queue attempt {Attempt} of task {TaskId} (retry of run {RunId})",
                retry.Attempt,
                task.Id,
                finished.Id
            );
            return null;
        }
        logger.LogInformation(
            "Run {RunId} of task {TaskId} {Status}: attempt {Attempt} of {MaxAttempts} is run {RetryRunId}, due at {DueAt:o}",
            finished.Id,
            task.Id,
            RunStatusNames.ToName(finished.Status),
            retry.Attempt,
            policy.MaxAttempts,
            retry.RunId,
            retry.DueAt
        );
        return retry;
    }

    /// <summary>Drops the pending retries of a task; returns how many there were.</summary>
    public async Task<int> CancelPendingAsync(string group, string taskId, string reason)
    {
        var keys = await RetryTriggers.PendingAsync(
            scheduler,
            group,
            taskId,
            CancellationToken.None
        );
        if (keys.Count == 0)
            return 0;
        await scheduler.UnscheduleJobs(keys, CancellationToken.None);
        logger.LogInformation("Pending retry of task {TaskId} dropped: {Reason}", taskId, reason);
        return keys.Count;
    }

    /// <summary>
    /// The plan a fired retry runs, with the task as it is defined now; null when the task was
    /// removed, disabled or paused since the retry was queued, which drops the retry.
    /// </summary>
    public async Task<RunPlan?> PrepareAsync(
        RunPlan plan,
        RetryRun retry,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(retry);
        var key = QuartzKeys.Task(plan.Group.Name, retry.TaskId);
        var trigger = await scheduler.GetTrigger(key, cancellationToken);
        var json = trigger?.JobDataMap.StringOrNull(JobDataKeys.Task);
        string? reason = null;
        TaskDefinition? task = null;
        if (json is null)
            reason = "the task no longer exists";
        else if ((task = DefinitionJson.Deserialize<TaskDefinition>(json)) is { Enabled: false })
            reason = "the task is disabled";
        else if (await scheduler.GetTriggerState(key, cancellationToken) == TriggerState.Paused)
            reason = "the task is paused";
        if (reason is not null)
        {
            logger.LogInformation(
                "Retry {RunId} (attempt {Attempt}) of task {TaskId} does not run: {Reason}",
                retry.RunId,
                retry.Attempt,
                retry.TaskId,
                reason
            );
            return null;
        }
        return plan with { Task = task };
    }
}
