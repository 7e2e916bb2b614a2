using NanoClaw.Jobs;
using NanoClaw.Runs;

namespace NanoClaw.Notifications;

/// <summary>
/// A task's run of failed firings and whether it was reported: what makes "only on change" work.
/// <see cref="After"/> is the one rule of which events a finished firing raises.
/// </summary>
internal readonly record struct TaskHealth(int Failures, bool IsFailing)
{
    /// <summary>The health after a firing ended <paramref name="status"/>, and the events that raises.</summary>
    public (TaskHealth Health, IReadOnlyList<string> Events) After(
        RunStatus status,
        int failingAfter
    ) =>
        status switch
        {
            RunStatus.Succeeded => (
                new TaskHealth(0, false),
                IsFailing
                    ? [NotifyEvents.RunSucceeded, NotifyEvents.TaskRecovered]
                    : [NotifyEvents.RunSucceeded]
            ),
            RunStatus.Failed or RunStatus.TimedOut => Failed(status, failingAfter),
            // Cancelled, interrupted or skipped say nothing about whether the task works.
            _ => (this, []),
        };

    private (TaskHealth, IReadOnlyList<string>) Failed(RunStatus status, int failingAfter)
    {
        var runEvent =
            status == RunStatus.TimedOut ? NotifyEvents.RunTimedOut : NotifyEvents.RunFailed;
        var failures = Failures + 1;
        return !IsFailing && failures >= failingAfter
            ? (new TaskHealth(failures, true), [runEvent, NotifyEvents.TaskFailing])
            : (new TaskHealth(failures, IsFailing), [runEvent]);
    }
}
