using System.Collections.Frozen;
using System.Security.Cryptography;

namespace NanoClaw.Dashboard;

/// <summary>
/// The stylesheet and scripts, embedded in the assembly and served at <c>/assets/NAME</c>: they
/// ship inside the executable, the published output and the .NET tool alike, and need no network.
/// </summary>
internal static class DashboardAssets
{
    private static readonly FrozenDictionary<string, Asset> Files = new[]
    {
        Load("dashboard.css", "text/css; charset=utf-8"),
        Load("dashboard.js", "text/javascript; charset=utf-8"),
        Load("htmx.min.js", "text/javascript; charset=utf-8"),
        Load("run-follow.js", "text/javascript; charset=utf-8"),
    }.ToFrozenDictionary(a => a.Name, StringComparer.Ordinal);

    /// <summary>The URL of an asset, with its content's digest so that a new version is never served from cache.</summary>
    public static string Url(string name) => $"/assets/{name}?v={Files[name].Version}";

    public static void Map(WebApplication app)
    {
        app.MapGet(
                "/assets/{name}",
                (string name, HttpContext context) =>
                {
                    if (!Files.TryGetValue(name, out var asset))
                        return Results.NotFound();
                    context.Response.Headers.CacheControl = "public, max-age=86400";
                    return Results.Bytes(asset.Content, asset.ContentType);
                }
            )
            .AllowAnonymous()
            .WithMetadata(DashboardEndpoint.Instance);
    }

    private static Asset Load(string name, string contentType)
    {
        using var stream =
            typeof(DashboardAssets).Assembly.GetManifestResourceStream($"dashboard/{name}")
            ?? throw new InvalidOperationException($"the dashboard asset '{name}' is not embedded");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var content = copy.ToArray();
        return new Asset(
            name,
            contentType,
            content,
            Convert.ToHexStringLower(SHA256.HashData(content))[..12]
        );
    }

    private sealed record Asset(string Name, string ContentType, byte[] Content, string Version);
}
