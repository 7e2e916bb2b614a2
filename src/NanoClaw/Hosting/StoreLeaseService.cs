using NanoClaw.Runs.Sqlite;

namespace NanoClaw.Hosting;

/// <summary>
/// Keeps the store lease taken at start (<see cref="StoreGate"/>) alive, and gives it up at a clean
/// stop. Registered first so it stops last, after the scheduler. If another daemon took the lease
/// over meanwhile (this one stalled past the stale limit), this daemon stops rather than run beside it.
/// </summary>
internal sealed class StoreLeaseService(
    SqliteStoreLease lease,
    IHostApplicationLifetime lifetime,
    ILogger<StoreLeaseService> logger
) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SqliteStoreLease.Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    if (await lease.RenewAsync(stoppingToken))
                        continue;
                    var holder = await lease.ReadHolderAsync(stoppingToken);
                    logger.LogCritical(
                        "Another daemon took over the store lease ({Holder}); stopping so that two daemons never run the same tasks",
                        holder?.Describe(DateTimeOffset.UtcNow) ?? "no holder"
                    );
                    lifetime.StopApplication();
                    return;
                }
                catch (Microsoft.Data.Sqlite.SqliteException e)
                {
                    logger.LogError(e, "Could not renew the store lease; trying again");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await lease.ReleaseAsync(CancellationToken.None);
        }
        catch (Microsoft.Data.Sqlite.SqliteException e)
        {
            logger.LogWarning(
                e,
                "Could not release the store lease; the next start takes it over once it is stale"
            );
        }
    }
}
