using NanoClaw.Configuration;
using NanoClaw.Execution.Gates;
using NanoClaw.Files;
using NanoClaw.Runs;

namespace NanoClaw.Hosting;

/// <summary>
/// Keeps run history bounded (<c>NanoClaw:Retention</c>): prunes by age and by count per task,
/// shortly after start and then every <see cref="RetentionOptions.Interval"/>, and removes the
/// pruned runs' log files.
/// </summary>
internal sealed class RunRetentionService(
    IRunStore store,
    NanoClawOptions options,
    NanoClawPaths paths,
    ILogger<RunRetentionService> logger
) : BackgroundService
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retention = options.Retention;
        if (retention.MaxAge == TimeSpan.Zero && retention.MaxRunsPerTask == 0)
            return;
        try
        {
            // Not at once: start-up (recovery, the first firings) has the store first.
            await Task.Delay(FirstDelay, stoppingToken);
            using var timer = new PeriodicTimer(retention.Interval);
            do
            {
                await PruneOnceAsync(stoppingToken);
            } while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    public async Task<int> PruneOnceAsync(CancellationToken cancellationToken)
    {
        var retention = options.Retention;
        try
        {
            var pruned = await store.PruneAsync(
                retention.MaxAge > TimeSpan.Zero ? DateTimeOffset.UtcNow - retention.MaxAge : null,
                retention.MaxRunsPerTask,
                cancellationToken
            );
            foreach (var log in pruned.LogPaths)
            {
                RunLogFiles.Delete(paths, GroupOf(log), log);
                // A gated run whose agent was woken also left its gate's log next to its own.
                RunLogFiles.Delete(paths, GroupOf(log), GateCheck.LogPathFor(log));
            }
            if (pruned.Deleted > 0)
                logger.LogInformation("Run history pruned: {Count} run(s) deleted", pruned.Deleted);
            return pruned.Deleted;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Pruning failing (a locked file, a full disk) must not stop the scheduler; next time may work.
            logger.LogWarning(ex, "Pruning run history failed");
            return 0;
        }
    }

    /// <summary>
    /// The group a log path names; <see cref="RunLogFiles.Delete"/> deletes only a file in that group's
    /// logs folder under the groups folder, whatever a row says, and follows no link on the way.
    /// </summary>
    private static string GroupOf(string logPath) =>
        Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(logPath))) ?? "";
}
