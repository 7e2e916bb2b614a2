using NanoClaw.Configuration;
using NanoClaw.Execution;
using NanoClaw.Jobs;
using NanoClaw.Runs;
using NanoClaw.Scheduling;
using Quartz;

namespace NanoClaw.Hosting;

/// <summary>
/// Brings the scheduler up in the one safe order — run store ready, orphaned runs marked
/// interrupted, leftovers of a dead daemon cleaned, unreadable triggers set aside, jobs file synced, then firing — and down
/// gracefully: no new runs, running ones get <c>ShutdownGracePeriod</c> to finish, then are stopped.
/// </summary>
internal sealed class SchedulerService(
    ISchedulerFactory schedulerFactory,
    IRunStore runStore,
    HeldRecords held,
    IEnumerable<IStartupCleanup> cleanups,
    TriggerQuarantine quarantine,
    JobsFile jobsFile,
    JobsReloader reloader,
    ActiveRuns activeRuns,
    QueuedRunSweep queuedRuns,
    FinishingRuns finishingRuns,
    NanoClawOptions options,
    ILoggerFactory loggerFactory
) : IHostedService
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<SchedulerService>();
    private IScheduler? _scheduler;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // The run store first: it puts the shared database file in WAL mode before Quartz opens it.
        await runStore.InitializeAsync(cancellationToken);
        await WriteHeldRecordsAsync(cancellationToken);
        var interrupted = await runStore.MarkInterruptedAsync(options.NodeName, cancellationToken);
        if (interrupted > 0)
            _logger.LogWarning(
                "{Count} run(s) were running when the previous daemon died; recorded as interrupted",
                interrupted
            );
        // Before any recovered firing starts: it must never overlap its own orphan.
        foreach (var cleanup in cleanups)
            await cleanup.CleanAsync(cancellationToken);

        // Before Quartz first reads its triggers: one unreadable trigger would stop every task firing.
        await quarantine.SetAsideUnreadableAsync(cancellationToken);

        var scheduler = _scheduler = await schedulerFactory.GetScheduler(cancellationToken);
        await reloader.ApplyAsync(jobsFile, cancellationToken);
        await scheduler.Start(cancellationToken);
        // After Start: Quartz has turned the firings a dead daemon held into recovery triggers by now.
        await queuedRuns.SettleOrphansAsync(cancellationToken);
        _logger.LogInformation(
            "Scheduler started on node {Node} with {Threads} concurrent run(s)",
            options.NodeName,
            options.MaxConcurrentRuns
        );
    }

    /// <summary>
    /// A run that ended while the store refused writes was spooled with its real outcome: written
    /// before orphans are marked interrupted, it is neither marked so nor run again by its recovery.
    /// </summary>
    private async Task WriteHeldRecordsAsync(CancellationToken cancellationToken)
    {
        foreach (var record in held.LoadSpooled())
        {
            await runStore.CompleteAsync(record, cancellationToken);
            held.Release(record.Id);
            _logger.LogWarning(
                "Run {RunId} recorded {Status} from {Folder}: the previous daemon could not write its record",
                record.Id,
                RunStatusNames.ToName(record.Status),
                held.Folder
            );
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Also reached after a start cut short by SIGTERM, possibly with the scheduler already down.
        if (
            _scheduler is not { } scheduler
            || scheduler.Status is SchedulerStatus.ShuttingDown or SchedulerStatus.Shutdown
        )
            return;
        await scheduler.Standby(CancellationToken.None);
        var running = Math.Max(activeRuns.Snapshot().Count, finishingRuns.Count);
        if (running > 0)
        {
            _logger.LogInformation(
                "Stopping: waiting up to {Grace} for {Count} running run(s)",
                options.ShutdownGracePeriod,
                running
            );
            var deadline = DateTimeOffset.UtcNow + options.ShutdownGracePeriod;
            while (
                (activeRuns.Snapshot().Count > 0 || finishingRuns.Count > 0)
                && DateTimeOffset.UtcNow < deadline
                && !cancellationToken.IsCancellationRequested
            )
                await Task.Delay(TimeSpan.FromMilliseconds(100), CancellationToken.None);
        }
        // Whatever still runs is interrupted now (ShutdownJobInterruption) and handed back for recovery.
        await scheduler.Shutdown(waitForJobsToComplete: true, CancellationToken.None);
        _logger.LogInformation("Scheduler stopped");
    }
}
