using System.Diagnostics.Metrics;
using NanoClaw.Execution;
using NanoClaw.Scheduling;
using Quartz;

namespace NanoClaw.Telemetry;

/// <summary>
/// What each group has waiting and running, read when a collector asks. Every group of the store
/// reports, a quiet one as 0, so an alert on a series does not see it vanish.
/// </summary>
/// <remarks>
/// A collector's callback is synchronous, and the store may be slow or failing: the store is read on
/// the thread pool for at most <see cref="ReadLimit"/>, and past that the previous reading is given
/// again (a scrape must not hang with the store); a read that ends late is kept for the next one.
/// </remarks>
internal sealed class GroupGauges(
    ISchedulerFactory schedulerFactory,
    ActiveRuns activeRuns,
    ILogger<GroupGauges> logger
)
{
    // Well within Prometheus' default scrape timeout of 10 s.
    private static readonly TimeSpan ReadLimit = TimeSpan.FromSeconds(5);
    private static readonly TriggerState[] WaitingStates =
    [
        TriggerState.Normal,
        TriggerState.Blocked,
    ];

    private volatile QueueReading _last = new([], new Dictionary<string, long>());

    public IEnumerable<Measurement<long>> Queued()
    {
        var reading = Read();
        return reading.Groups.Select(g => new Measurement<long>(
            reading.Queued.GetValueOrDefault(g),
            new KeyValuePair<string, object?>("group", g)
        ));
    }

    public IEnumerable<Measurement<long>> Running()
    {
        var running = activeRuns
            .Snapshot()
            .GroupBy(r => r.Group, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);
        var groups = _last.Groups.Union(running.Keys, StringComparer.Ordinal);
        return groups.Select(g => new Measurement<long>(
            running.GetValueOrDefault(g),
            new KeyValuePair<string, object?>("group", g)
        ));
    }

    private QueueReading Read()
    {
        var read = Task.Run(async () => _last = await ReadAsync());
        try
        {
            if (read.Wait(ReadLimit))
                return read.Result;
            logger.LogDebug(
                "Queue lengths not read within {Limit}; reporting the last reading",
                ReadLimit
            );
        }
        catch (AggregateException ex)
        {
            logger.LogDebug(
                ex.InnerException,
                "Queue lengths could not be read; reporting the last reading"
            );
        }
        return _last;
    }

    private async Task<QueueReading> ReadAsync()
    {
        var scheduler = await schedulerFactory.GetScheduler();
        if (scheduler.Status is SchedulerStatus.ShuttingDown or SchedulerStatus.Shutdown)
            return _last;
        var jobs = await scheduler.QueryJobs(
            new JobQuery
            {
                Group = GroupMatcher<JobKey>.GroupEquals(QuartzKeys.JobGroup),
                Take = PagedQuery.All,
            }
        );
        // Due before now and not yet fired: waiting for the group's run to end (Blocked) or for a
        // free slot (Normal). A paused trigger is not waiting for anything and is not counted.
        var due = await scheduler.QueryTriggers(
            new TriggerQuery { NextFireTimeBefore = DateTimeOffset.UtcNow, Take = PagedQuery.All }
        );
        var queued = due
            .Items.Where(t =>
                t.JobKey.Group == QuartzKeys.JobGroup && WaitingStates.Contains(t.State)
            )
            .GroupBy(t => t.JobKey.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);
        return new QueueReading([.. jobs.Items.Select(j => j.Key.Name)], queued);
    }

    private sealed record QueueReading(
        IReadOnlyList<string> Groups,
        IReadOnlyDictionary<string, long> Queued
    );
}
