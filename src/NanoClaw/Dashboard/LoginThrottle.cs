using System.Collections.Concurrent;
using System.Net;

namespace NanoClaw.Dashboard;

/// <summary>
/// Failed logins cost the caller: each failure waits <see cref="FailureDelay"/>, and after
/// <see cref="MaxFailures"/> attempts from one address within <see cref="Window"/> that have not
/// succeeded, that address is refused (429) until the window has passed, right password or not, so
/// guessing stays slow. An attempt is counted when it begins, not when it fails: guesses sent all at
/// once would otherwise all pass the check before the first of them is counted.
/// </summary>
internal sealed class LoginThrottle(TimeProvider clock)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan FailureDelay = TimeSpan.FromMilliseconds(500);

    private readonly ConcurrentDictionary<IPAddress, Attempts> _attempts = new();

    /// <summary>
    /// Counts an attempt from the address before its credentials are checked. Null when it may go
    /// ahead; otherwise how long the address must wait, and the attempt is not made.
    /// </summary>
    public TimeSpan? TryBegin(IPAddress? address)
    {
        if (address is null)
            return null;
        while (true)
        {
            var now = clock.GetUtcNow();
            if (!_attempts.TryGetValue(address, out var seen) || seen.Since + Window <= now)
            {
                var fresh = new Attempts(1, now);
                var replaced = seen is null
                    ? _attempts.TryAdd(address, fresh)
                    : _attempts.TryUpdate(address, fresh, seen);
                if (!replaced)
                    continue;
                if (_attempts.Count > 100_000)
                    _attempts.Clear();
                return null;
            }
            if (seen.Count >= MaxFailures)
                return seen.Since + Window - now;
            if (_attempts.TryUpdate(address, seen with { Count = seen.Count + 1 }, seen))
                return null;
        }
    }

    /// <summary>The attempt failed: it stays counted, and the caller waits.</summary>
    public Task FailedAsync(CancellationToken ct) => Task.Delay(FailureDelay, clock, ct);

    public void Succeeded(IPAddress? address)
    {
        if (address is not null)
            _attempts.TryRemove(address, out _);
    }

    private sealed record Attempts(int Count, DateTimeOffset Since);
}
