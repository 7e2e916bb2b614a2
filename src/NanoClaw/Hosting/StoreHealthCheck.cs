using Microsoft.Extensions.Diagnostics.HealthChecks;
using NanoClaw.Runs;

namespace NanoClaw.Hosting;

/// <summary>
/// <c>/healthz</c>'s view of what Quartz's own check cannot see: a run store that refuses writes,
/// a scheduler held in standby because of it, and a scheduler loop that stopped taking firings.
/// </summary>
internal sealed class StoreHealthCheck(
    StoreHealth health,
    HeldRecords held,
    StoreWatchdog watchdog,
    SchedulerStall stall
) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(
        HealthCheckContext context,
        CancellationToken cancellationToken = default
    )
    {
        if (health.Problem is { } problem)
            return HealthCheckResult.Unhealthy(
                $"the run store {health.Store} refuses writes ({problem}){(watchdog.HoldsScheduler ? "; the scheduler is in standby until it takes writes again" : "")}"
            );
        if (watchdog.HoldsScheduler || !held.IsEmpty)
            return HealthCheckResult.Degraded(
                "the scheduler is in standby while held-back run records are written"
            );
        return await stall.FindAsync(cancellationToken) is { } stalled
            ? HealthCheckResult.Unhealthy(stalled)
            : HealthCheckResult.Healthy();
    }
}
