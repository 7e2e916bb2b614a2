using NanoClaw.Scheduling;
using Quartz;

namespace NanoClaw.Admin;

/// <summary>
/// A task's next fire times, asked of the trigger the store holds (whatever its type) rather than
/// recomputed from the definition, so they are the times the scheduler will really use. A trigger's
/// calendar is honoured: <see cref="ITrigger.GetFireTimeAfter"/> does not consult it.
/// </summary>
internal static class FireTimes
{
    public const int MaxCount = 100;

    /// <summary>Calendar exclusions may skip many candidates; this bounds the walk all the same.</summary>
    private const int MaxCandidatesPerTime = 1000;

    public static async Task<IReadOnlyList<DateTimeOffset>> NextAsync(
        IScheduler scheduler,
        StoredTaskInfo task,
        int count,
        DateTimeOffset after,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(task);
        // A paused task (or one in a paused group) fires at none of them.
        if (count <= 0 || task.IsPaused)
            return [];
        var trigger = await scheduler.GetTrigger(task.Header.Key, cancellationToken);
        if (trigger is null)
            return [];
        var calendar = trigger.CalendarName is { } name
            ? await scheduler.GetCalendar(name, cancellationToken)
            : null;
        var times = new List<DateTimeOffset>(count);
        var at = after;
        for (
            var candidates = 0;
            times.Count < count && candidates < count * MaxCandidatesPerTime;
            candidates++
        )
        {
            // A task without a schedule, or disabled, is parked at a start that never comes.
            if (
                trigger.GetFireTimeAfter(at) is not { } next
                || next >= TaskTriggerFactory.ParkedStart
            )
                break;
            at = next;
            if (calendar is null || calendar.IsTimeIncluded(next))
                times.Add(next);
        }
        return times;
    }
}
