using NanoClaw.Notifications;
using NanoClaw.Retries;
using NanoClaw.Runners;
using NanoClaw.Runs;
using NanoClaw.Telemetry;

namespace NanoClaw.Execution;

/// <summary>
/// What follows a task run once it is recorded: a retry if its policy asks for one, otherwise the
/// firing is over and its notifications are queued. A retried run raises no event; its last attempt does.
/// </summary>
internal sealed class RunFollowUp(
    RetryScheduler retries,
    NotificationRecorder notifications,
    NanoClawMetrics metrics,
    ILogger<RunFollowUp> logger
)
{
    public async Task AfterAsync(RunPlan plan, RunRecord finished, AgentOutput? agent)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(finished);
        if (plan.Task is null || finished.Status == RunStatus.Interrupted)
            return;
        try
        {
            if (await retries.AfterRunAsync(plan, finished, agent) is not null)
            {
                metrics.RetryScheduled(finished.Group, finished.Status);
                return;
            }
            await notifications.RecordAsync(plan, finished);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The run is recorded as it ended; a failure of what follows is reported, never thrown into the scheduler.
            logger.LogError(
                ex,
                "Could not follow up run {RunId} of task {TaskId}",
                finished.Id,
                plan.Task.Id
            );
        }
    }
}
