using System.Net;
using System.Text.RegularExpressions;

namespace NanoClaw.Tests.Dashboard.Support;

/// <summary>
/// A plain HTTP client with its own cookie jar, for what a browser would not do: posts without or
/// with a forged anti-forgery token, a copied cookie after logout, the cookie sent to the API.
/// </summary>
public sealed partial class DashboardHttp : IDisposable
{
    private readonly HttpClient _http;

    public DashboardHttp(string baseUrl)
    {
        Cookies = new CookieContainer();
        _http = new HttpClient(
            new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }
        )
        {
            BaseAddress = new Uri(baseUrl),
        };
    }

    public CookieContainer Cookies { get; }

    public HttpClient Client => _http;

    /// <summary>Logs in through the form: the token, or a name and password.</summary>
    public async Task<HttpResponseMessage> LoginAsync(
        string? token,
        string? name = null,
        string? password = null
    )
    {
        var ct = TestContext.Current.CancellationToken;
        var form = await _http.GetStringAsync("/login", ct);
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = FormToken(form),
            ["returnUrl"] = "/",
        };
        if (token is not null)
            fields["token"] = token;
        if (name is not null)
            fields["name"] = name;
        if (password is not null)
            fields["password"] = password;
        using var body = new FormUrlEncodedContent(fields);
        return await _http.PostAsync("/login", body, ct);
    }

    /// <summary>Posts a form as a page of the dashboard would, with the page's token when given.</summary>
    public async Task<HttpResponseMessage> PostAsync(
        string path,
        string? antiforgeryToken,
        params (string Name, string Value)[] fields
    )
    {
        var values = fields.ToDictionary(f => f.Name, f => f.Value);
        if (antiforgeryToken is not null)
            values["__RequestVerificationToken"] = antiforgeryToken;
        using var body = new FormUrlEncodedContent(values);
        return await _http.PostAsync(path, body, TestContext.Current.CancellationToken);
    }

    /// <summary>The anti-forgery token a page of the dashboard carries for its forms.</summary>
    public async Task<string> PageTokenAsync(string path) =>
        FormToken(await _http.GetStringAsync(path, TestContext.Current.CancellationToken));

    public static string FormToken(string html) =>
        TokenField().Match(html) is { Success: true } m
            ? m.Groups[1].Value
            : throw new InvalidOperationException(
                "the page carries no anti-forgery token:\n" + html
            );

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    public void Dispose() => _http.Dispose();
}
