using NanoClaw.Runs;
using Quartz;

namespace NanoClaw.Hosting;

/// <summary>
/// Keeps the scheduler from taking firings while the run store refuses writes: puts it in standby
/// as soon as a record write gives up, probes the store every second, writes the records held back
/// meanwhile, and resumes the scheduler once the store takes them. While the store is healthy it
/// sleeps until a failure is reported (<see cref="StoreHealth.Failed"/>), so an idle daemon is not
/// woken every second for nothing.
/// </summary>
internal sealed class StoreWatchdog(
    IScheduler scheduler,
    IRunStore store,
    StoreHealth health,
    HeldRecords held,
    ILogger<StoreWatchdog> logger
) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ProbeWait = TimeSpan.FromSeconds(2);
    private volatile bool _standby;

    /// <summary>True while the scheduler is in standby because of the store.</summary>
    public bool HoldsScheduler => _standby;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            // Taken before the state is read: a failure reported after the read completes it.
            var failed = health.Failed;
            if (!health.IsFailing && held.IsEmpty && !_standby)
                await failed.WaitAsync(stoppingToken);
            await Task.Delay(Interval, stoppingToken);
            try
            {
                await CheckAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Checking the run store {Store} failed", health.Store);
            }
        }
    }

    private async Task CheckAsync(CancellationToken stoppingToken)
    {
        if (!health.IsFailing && held.IsEmpty)
        {
            if (_standby)
                await ResumeAsync(stoppingToken);
            return;
        }
        if (!_standby && scheduler.Status == SchedulerStatus.Running)
        {
            await scheduler.Standby(stoppingToken);
            _standby = true;
            logger.LogError(
                "Scheduler in standby: the run store {Store} refuses writes ({Error}). No firing is taken until it takes writes again; free disk space or end the process holding its lock (NanoClaw probes it every second)",
                health.Store,
                health.Problem ?? "records are held back"
            );
        }
        if (await TryWriteHeldAsync(stoppingToken))
            health.ReportRecovered();
    }

    /// <summary>Writes the held-back records, or probes the lock when there are none.</summary>
    private async Task<bool> TryWriteHeldAsync(CancellationToken stoppingToken)
    {
        using var _ = StoreWaitLimit.Use(ProbeWait);
        try
        {
            var records = held.Snapshot();
            if (records.Count == 0)
                await store.ProbeWriteAsync(stoppingToken);
            foreach (var record in records)
            {
                await store.CompleteAsync(record, stoppingToken);
                held.Release(record.Id);
                logger.LogWarning(
                    "Run {RunId} recorded {Status} now that the run store takes writes again",
                    record.Id,
                    RunStatusNames.ToName(record.Status)
                );
            }
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            health.ReportFailure(ex.Message);
            return false;
        }
    }

    private async Task ResumeAsync(CancellationToken stoppingToken)
    {
        if (
            scheduler.Status is not SchedulerStatus.Standby
            || stoppingToken.IsCancellationRequested
        )
            return;
        await scheduler.Start(stoppingToken);
        _standby = false;
        logger.LogWarning(
            "Scheduler resumed: the run store {Store} takes writes again",
            health.Store
        );
    }
}
