namespace NanoClaw.Dashboard;

/// <summary>
/// Where a form may send the browser afterwards: a path on this site only, so that a crafted link
/// (<c>/login?returnUrl=https://evil.example</c>) cannot make the dashboard an open redirect.
/// </summary>
internal static class LocalUrl
{
    public static string OrDefault(string? url, string fallback = "/") =>
        IsLocal(url) ? url! : fallback;

    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url)
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl);
}
