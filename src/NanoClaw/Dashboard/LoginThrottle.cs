using System.Collections.Concurrent;
using System.Net;

namespace NanoClaw.Dashboard;

/// <summary>
/// Failed logins cost the caller: each failure waits <see cref="FailureDelay"/>, and after
/// <see cref="MaxFailures"/> failures from one address within <see cref="Window"/> that address is
/// refused (429) until the window has passed, right password or not, so guessing stays slow.
/// </summary>
internal sealed class LoginThrottle(TimeProvider clock)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan FailureDelay = TimeSpan.FromMilliseconds(500);

    private readonly ConcurrentDictionary<IPAddress, Failures> _failures = new();

    /// <summary>How long the address must wait before it may try again, or null when it may try now.</summary>
    public TimeSpan? Blocked(IPAddress? address)
    {
        if (address is null || !_failures.TryGetValue(address, out var f))
            return null;
        var left = f.Since + Window - clock.GetUtcNow();
        if (left <= TimeSpan.Zero)
        {
            _failures.TryRemove(address, out _);
            return null;
        }
        return f.Count >= MaxFailures ? left : null;
    }

    public async Task FailedAsync(IPAddress? address, CancellationToken ct)
    {
        if (address is not null)
        {
            var now = clock.GetUtcNow();
            _failures.AddOrUpdate(
                address,
                _ => new Failures(1, now),
                (_, f) =>
                    f.Since + Window <= now ? new Failures(1, now) : f with { Count = f.Count + 1 }
            );
            if (_failures.Count > 100_000)
                _failures.Clear();
        }
        await Task.Delay(FailureDelay, clock, ct);
    }

    public void Succeeded(IPAddress? address)
    {
        if (address is not null)
            _failures.TryRemove(address, out _);
    }

    private sealed record Failures(int Count, DateTimeOffset Since);
}
