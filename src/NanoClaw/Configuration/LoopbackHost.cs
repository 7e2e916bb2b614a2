using System.Net;

namespace NanoClaw.Configuration;

/// <summary>Which host names and addresses stay on this machine.</summary>
internal static class LoopbackHost
{
    /// <summary><c>localhost</c>, or a loopback address (127.0.0.0/8, ::1, also IPv4-mapped); brackets allowed.</summary>
    public static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || TryParseAddress(host) is { } address && IPAddress.IsLoopback(address);

    /// <summary>0.0.0.0 or [::]: listening on every interface, not naming a host.</summary>
    public static bool IsUnspecified(string host) =>
        TryParseAddress(host) is { } address
        && (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any));

    /// <summary>An IP literal (IPv6 with or without brackets), IPv4-mapped addresses as IPv4; else null.</summary>
    public static IPAddress? TryParseAddress(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var bare = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        if (!IPAddress.TryParse(bare, out var address))
            return null;
        return address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
    }
}
