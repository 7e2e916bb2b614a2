using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace NanoClaw.Dashboard;

/// <summary>
/// Sessions kept in the daemon's memory: the cookie carries only a random key. Logging out removes
/// the session, so a copy of the old cookie is refused from then on; a daemon restart ends every
/// session (README, "Dashboard").
/// </summary>
internal sealed class DashboardSessions(TimeProvider clock) : ITicketStore
{
    /// <summary>Bounds memory however many logins are made; the oldest sessions go first.</summary>
    private const int MaxSessions = 10_000;

    private readonly ConcurrentDictionary<string, AuthenticationTicket> _tickets = new(
        StringComparer.Ordinal
    );

    public int Count => _tickets.Count;

    public Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        Sweep();
        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        _tickets[key] = ticket;
        return Task.FromResult(key);
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        // Only a live session is renewed: one removed by logout stays removed.
        if (_tickets.ContainsKey(key))
            _tickets[key] = ticket;
        return Task.CompletedTask;
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        if (!_tickets.TryGetValue(key, out var ticket))
            return Task.FromResult<AuthenticationTicket?>(null);
        if (ticket.Properties.ExpiresUtc is { } expires && expires <= clock.GetUtcNow())
        {
            _tickets.TryRemove(key, out _);
            return Task.FromResult<AuthenticationTicket?>(null);
        }
        return Task.FromResult<AuthenticationTicket?>(ticket);
    }

    public Task RemoveAsync(string key)
    {
        _tickets.TryRemove(key, out _);
        return Task.CompletedTask;
    }

    private void Sweep()
    {
        var now = clock.GetUtcNow();
        foreach (var (key, ticket) in _tickets)
            if (ticket.Properties.ExpiresUtc is { } expires && expires <= now)
                _tickets.TryRemove(key, out _);
        if (_tickets.Count < MaxSessions)
            return;
        foreach (
            var key in _tickets
                .OrderBy(t => t.Value.Properties.IssuedUtc ?? DateTimeOffset.MinValue)
                .Take(_tickets.Count - MaxSessions + 1)
                .Select(t => t.Key)
                .ToList()
        )
            _tickets.TryRemove(key, out _);
    }
}
