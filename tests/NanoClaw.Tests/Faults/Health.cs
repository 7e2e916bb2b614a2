using System.Net;

namespace NanoClaw.Tests.Faults;

/// <summary>Reads the daemon's <c>/healthz</c>.</summary>
internal static class Health
{
    public static async Task<(HttpStatusCode Status, string Body)> GetAsync(string adminUrl)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var response = await http.GetAsync(
            adminUrl + "/healthz",
            TestContext.Current.CancellationToken
        );
        return (
            response.StatusCode,
            await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)
        );
    }
}
