using System.Net;
using System.Text.RegularExpressions;

namespace NanoClaw.Benchmarks.Support;

/// <summary>A browser-like client of the dashboard: logged in with the admin token through the login form, keeping its session cookie.</summary>
public sealed partial class DashboardSession : IDisposable
{
    private readonly HttpClient _http;

    private DashboardSession(HttpClient http) => _http = http;

    public static async Task<DashboardSession> LogInAsync(BenchWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        var handler = new HttpClientHandler
        {
            CookieContainer = new CookieContainer(),
            AllowAutoRedirect = false,
        };
        var http = new HttpClient(handler) { BaseAddress = new Uri(workspace.AdminUrl) };
        var token = File.ReadAllText(workspace.Combine("data", "admin.token")).Trim();
        var form = await http.GetStringAsync(new Uri("/login", UriKind.Relative));
        var antiforgery = AntiforgeryField().Match(form);
        if (!antiforgery.Success)
            throw new InvalidOperationException("the login page has no anti-forgery field");
        using var body = new FormUrlEncodedContent(
            new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(
                    antiforgery.Groups["value"].Value
                ),
                ["token"] = token,
            }
        );
        using var answer = await http.PostAsync(new Uri("/login", UriKind.Relative), body);
        if (
            answer.StatusCode != HttpStatusCode.Redirect
            && answer.StatusCode != HttpStatusCode.SeeOther
        )
            throw new InvalidOperationException($"login answered {(int)answer.StatusCode}");
        return new DashboardSession(http);
    }

    /// <summary>The status a GET of <paramref name="path"/> answers, its body read whole.</summary>
    public async Task<HttpStatusCode> StatusAsync(string path)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative));
        await response.Content.ReadAsStringAsync();
        return response.StatusCode;
    }

    /// <summary>Fetches a page whole (as a browser would, every streamed part) and returns its HTML.</summary>
    public async Task<string> GetAsync(string path)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative));
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}");
        return await response.Content.ReadAsStringAsync();
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex(
        "name=\"__RequestVerificationToken\"[^>]*value=\"(?<value>[^\"]+)\"",
        RegexOptions.CultureInvariant
    )]
    private static partial Regex AntiforgeryField();
}
