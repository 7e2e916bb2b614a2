using System.Net;
using NanoClaw.Configuration;

namespace NanoClaw.Admin;

/// <summary>
/// The <c>Host</c> header values the daemon answers: loopback names and addresses, the host of
/// <c>Admin:Url</c>, and <c>Admin:AllowedHosts</c>. A page that points its own domain at this
/// machine (DNS rebinding) sends its domain as the host, and is refused. The port is not compared.
/// </summary>
internal sealed class AllowedHosts
{
    private readonly HashSet<string> _names = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<IPAddress> _addresses = [];

    private AllowedHosts(IEnumerable<string> hosts)
    {
        foreach (var host in hosts)
        {
            if (LoopbackHost.TryParseAddress(host) is { } address)
                _addresses.Add(address);
            else
                _names.Add(host);
        }
    }

    public static AllowedHosts From(AdminOptions admin)
    {
        ArgumentNullException.ThrowIfNull(admin);
        var hosts = new List<string>(admin.AllowedHosts);
        // 0.0.0.0 or [::] in the URL says "every interface", not a name clients use.
        if (
            Uri.TryCreate(admin.Url, UriKind.Absolute, out var url)
            && !LoopbackHost.IsUnspecified(url.Host)
        )
            hosts.Add(url.Host);
        return new AllowedHosts(hosts);
    }

    public bool Allows(HostString host)
    {
        if (!host.HasValue || host.Host.Length == 0)
            return false;
        if (LoopbackHost.TryParseAddress(host.Host) is { } address)
            return IPAddress.IsLoopback(address) || _addresses.Contains(address);
        return LoopbackHost.IsLoopback(host.Host) || _names.Contains(host.Host);
    }
}
