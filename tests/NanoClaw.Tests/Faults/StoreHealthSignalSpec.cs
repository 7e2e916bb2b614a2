using NanoClaw.Runs;

namespace NanoClaw.Tests.Faults;

/// <summary>
/// What the store watchdog sleeps on while the store is healthy: a failure wakes it at once, and
/// after a recovery it sleeps again until the next failure.
/// </summary>
public sealed class StoreHealthSignalSpec
{
    [Fact]
    public void A_reported_failure_completes_the_signal_and_a_recovery_arms_a_new_one()
    {
        var health = new StoreHealth("store.db");
        var first = health.Failed;
        Assert.False(first.IsCompleted);

        health.ReportFailure("disk full");
        Assert.True(first.IsCompletedSuccessfully);
        // Still failing: whoever looks now is not put to sleep.
        Assert.True(health.Failed.IsCompleted);

        health.ReportRecovered();
        var second = health.Failed;
        Assert.False(second.IsCompleted);
        health.ReportFailure("database is locked");
        Assert.True(second.IsCompletedSuccessfully);
    }

    [Fact]
    public void A_recovery_without_a_failure_keeps_the_pending_signal()
    {
        var health = new StoreHealth("store.db");
        var pending = health.Failed;

        health.ReportRecovered();

        Assert.Same(pending, health.Failed);
        health.ReportFailure("disk full");
        Assert.True(pending.IsCompletedSuccessfully);
    }
}
