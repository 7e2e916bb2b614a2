using System.Net.Http.Headers;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Files;

/// <summary>An HTTP client for a workspace's admin API, holding the token the daemon generated.</summary>
internal static class AdminHttp
{
    public static HttpClient For(Workspace workspace)
    {
        var token = File.ReadAllText(Path.Combine(workspace.DataDir, "admin.token")).Trim();
        var http = new HttpClient { BaseAddress = new Uri(workspace.AdminUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    public static string Token(Workspace workspace) =>
        File.ReadAllText(Path.Combine(workspace.DataDir, "admin.token")).Trim();
}
