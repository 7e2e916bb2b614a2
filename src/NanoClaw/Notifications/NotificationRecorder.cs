using NanoClaw.Configuration;
using NanoClaw.Execution;
using NanoClaw.Runs;

namespace NanoClaw.Notifications;

/// <summary>
/// Turns the last run of a firing into queued notifications for the task's targets: the task's
/// <c>notify</c>, else its group's, else <c>Notify:Default</c>. Never throws: a notification that
/// cannot be queued is logged, and the run stays recorded as it ended.
/// </summary>
internal sealed class NotificationRecorder(
    NotificationOutbox outbox,
    NotificationDispatcher dispatcher,
    NanoClawOptions options,
    ILogger<NotificationRecorder> logger
)
{
    public async Task RecordAsync(RunPlan plan, RunRecord finished)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(finished);
        if (plan.Task is not { } task)
            return;
        var targets = task.Notify ?? plan.Group.Notify ?? options.Notify.DefaultTargets;
        var adminUrl = options.Admin.Enabled ? options.Admin.Url : null;
        try
        {
            var queued = await outbox.RecordAsync(
                finished,
                targets,
                options.Notify.FailingAfter,
                (id, name, failures) =>
                    NotificationBody.Create(
                        id,
                        name,
                        finished,
                        failures,
                        adminUrl,
                        DateTimeOffset.UtcNow
                    )
            );
            if (queued.Count > 0)
                dispatcher.Wake();
        }
        catch (Exception ex)
            when (ex is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
        {
            logger.LogError(
                "Could not queue the notifications of run {RunId} of task {TaskId}: {Error}",
                finished.Id,
                task.Id,
                ex.Message
            );
        }
    }
}
