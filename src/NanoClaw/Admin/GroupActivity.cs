using NanoClaw.Runs;
using NanoClaw.Scheduling;
using Quartz;

namespace NanoClaw.Admin;

/// <summary>
/// What each group is doing: the run it is running (from the store, so a run on any node counts) and
/// how many firings wait for it. A waiting firing is any trigger of the group's job that is due
/// (an ad hoc run, a task firing held while the group is busy or paused, a recovery).
/// </summary>
internal sealed record GroupActivity(
    IReadOnlyDictionary<string, RunRecord> Running,
    IReadOnlyDictionary<string, int> Waiting,
    int RunningCount
)
{
    public static async Task<GroupActivity> ReadAsync(
        IScheduler scheduler,
        IRunStore store,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(store);
        var running = await store.ListAsync(
            new RunQuery { Status = RunStatus.Running, Limit = 10_000 },
            cancellationToken
        );
        var page = await scheduler.QueryTriggers(
            new TriggerQuery { Take = PagedQuery.All },
            cancellationToken
        );
        var now = DateTimeOffset.UtcNow;
        // By job, not trigger group: a recovery trigger lives in Quartz's recovery group.
        var waiting = page
            .Items.Where(h =>
                h.JobKey.Group == QuartzKeys.JobGroup && h.NextFireTimeUtc is { } at && at <= now
            )
            .GroupBy(h => h.JobKey.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new GroupActivity(
            running
                .GroupBy(r => r.Group, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal),
            waiting,
            running.Count
        );
    }
}
