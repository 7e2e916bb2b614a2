using NanoClaw.Notifications;
using NanoClaw.Retries;
using NanoClaw.Runners;
using NanoClaw.Runs;

namespace NanoClaw.Execution;

/// <summary>
/// What follows a task run once it is recorded: a retry if its policy asks for one, otherwise the
/// firing is over and its notifications are queued. A retried run raises no event; its last attempt does.
/// </summary>
internal sealed class RunFollowUp(RetryScheduler retries, NotificationRecorder notifications)
{
    public async Task AfterAsync(RunPlan plan, RunRecord finished, AgentOutput? agent)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(finished);
        if (plan.Task is null || finished.Status == RunStatus.Interrupted)
            return;
        if (await retries.AfterRunAsync(plan, finished, agent) is not null)
            return;
        await notifications.RecordAsync(plan, finished);
    }
}
