using NanoClaw.Runs;

namespace NanoClaw.Jobs;

/// <summary>
/// How a task's failed runs are retried (<c>retry</c> on a task or group, README "Retries"): up to
/// <see cref="MaxAttempts"/> runs of one firing, the n-th retry waiting
/// <c>Delay × Backoff^(n-1)</c>, never more than <see cref="MaxDelay"/>.
/// </summary>
public sealed record RetryPolicy
{
    public const int MaxAllowedAttempts = 100;

    /// <summary>Runs of one firing in all, the first included; 1 means no retry.</summary>
    public int MaxAttempts { get; init; } = 3;

    public TimeSpan Delay { get; init; } = TimeSpan.FromSeconds(30);
    public double Backoff { get; init; } = 2.0;
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The outcomes that are retried, by their run status names: <c>failed</c>, <c>timed_out</c> or both.</summary>
    public IReadOnlyList<string> On { get; init; } = ["failed", "timed_out"];

    public bool Covers(RunStatus status) =>
        status is RunStatus.Failed or RunStatus.TimedOut
        && On.Contains(RunStatusNames.ToName(status), StringComparer.Ordinal);

    /// <summary>How long after attempt <paramref name="failedAttempt"/> ended the next one is due.</summary>
    public TimeSpan DelayAfter(int failedAttempt)
    {
        var factor = Math.Pow(Backoff, Math.Max(0, failedAttempt - 1));
        var ticks = Delay.Ticks * factor;
        return double.IsFinite(ticks) && ticks < MaxDelay.Ticks
            ? TimeSpan.FromTicks((long)ticks)
            : MaxDelay;
    }
}
