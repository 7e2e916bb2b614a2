using System.Net.Http.Headers;

namespace NanoClaw.Tests.TestSupport;

/// <summary>An HTTP client for a workspace's admin API, holding the token the daemon generated.</summary>
internal static class AdminHttp
{
    public static HttpClient For(Workspace workspace)
    {
        var http = new HttpClient { BaseAddress = new Uri(workspace.AdminUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer",
            Token(workspace)
        );
        return http;
    }

    public static string Token(Workspace workspace) =>
        File.ReadAllText(Path.Combine(workspace.DataDir, "admin.token")).Trim();
}
