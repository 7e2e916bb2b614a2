using NanoClaw.Configuration;
using NanoClaw.Jobs;
using NanoClaw.Runs;
using Quartz;

namespace NanoClaw.Scheduling;

/// <summary>
/// Applies the jobs file to the store, one sync at a time (start, file watcher, <c>reload</c>).
/// An invalid file changes nothing: the running schedule stays as it was and every problem is reported.
/// </summary>
internal sealed class JobsReloader(
    IScheduler scheduler,
    IRunStore runStore,
    NanoClawOptions options,
    NanoClawPaths paths,
    TaskControl control,
    QueuedRunSweep queuedRuns,
    ILoggerFactory loggerFactory
) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ILogger _logger = loggerFactory.CreateLogger<JobsReloader>();

    public async Task<SyncSummary> ApplyAsync(
        JobsFile file,
        CancellationToken cancellationToken = default
    )
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var synchronizer = new JobsSynchronizer(
                scheduler,
                runStore,
                loggerFactory.CreateLogger<JobsSynchronizer>()
            );
            var summary = await synchronizer.SyncAsync(file, cancellationToken);
            // The sync keeps a changed task's pause; this also drops the pause of a task it removed.
            await control.ReconcilePausesAsync(cancellationToken);
            _logger.LogInformation(
                "Jobs file synced: {Added} added, {Changed} changed, {Removed} removed, {Unchanged} unchanged",
                summary.Added,
                summary.Changed,
                summary.Removed,
                summary.Unchanged
            );
            // A group the file no longer has took its queued runs with it.
            await queuedRuns.SettleOrphansAsync(cancellationToken);
            return summary;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Reads the jobs file again and applies it if it is valid.</summary>
    public async Task<ReloadResult> ReloadAsync(CancellationToken cancellationToken = default)
    {
        var loaded = JobsFileCheck.Load(options, paths);
        if (loaded.File is null)
        {
            foreach (var problem in loaded.Problems)
                _logger.LogError("Jobs file not applied: {Problem}", problem.ToString());
            return new ReloadResult(null, loaded.Problems);
        }
        return new ReloadResult(await ApplyAsync(loaded.File, cancellationToken), []);
    }

    public void Dispose() => _gate.Dispose();
}
