using NanoClaw.Configuration;
using NanoClaw.Scheduling;

namespace NanoClaw.Hosting;

/// <summary>
/// Re-applies the jobs file when it changes. Editors save in bursts (truncate, write, rename), so a
/// change is applied once the file has been quiet for <see cref="Debounce"/>.
/// </summary>
internal sealed class JobsFileWatcher(
    JobsReloader reloader,
    NanoClawPaths paths,
    ILogger<JobsFileWatcher> logger
) : BackgroundService
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var changes = System.Threading.Channels.Channel.CreateUnbounded<bool>();
        // The folder is watched, not the file: a save by rename replaces the file a watcher would hold.
        using var watcher = new FileSystemWatcher(
            Path.GetDirectoryName(paths.JobsFile)!,
            Path.GetFileName(paths.JobsFile)
        )
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size,
        };
        FileSystemEventHandler onChange = (_, _) => changes.Writer.TryWrite(true);
        watcher.Changed += onChange;
        watcher.Created += onChange;
        watcher.Renamed += (_, _) => changes.Writer.TryWrite(true);
        watcher.EnableRaisingEvents = true;

        try
        {
            while (await changes.Reader.WaitToReadAsync(stoppingToken))
            {
                // Quiet period: keep draining until no change arrived for the debounce time.
                do
                {
                    while (changes.Reader.TryRead(out _)) { }
                    await Task.Delay(Debounce, stoppingToken);
                } while (changes.Reader.TryRead(out _));
                logger.LogInformation("Jobs file changed: reloading {JobsFile}", paths.JobsFile);
                await ReloadAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    private async Task ReloadAsync(CancellationToken stoppingToken)
    {
        try
        {
            await reloader.ReloadAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A failed reload must not end the watching: the next save gets its chance.
            logger.LogError(ex, "Reloading the jobs file failed");
        }
    }
}
