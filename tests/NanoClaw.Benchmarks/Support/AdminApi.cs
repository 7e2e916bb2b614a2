using System.Net.Http.Headers;

namespace NanoClaw.Benchmarks.Support;

/// <summary>The daemon's admin API, with the token it generated into <c>data/admin.token</c>.</summary>
public sealed class AdminApi : IDisposable
{
    private readonly HttpClient _http;

    public AdminApi(BenchWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        _http = new HttpClient { BaseAddress = new Uri(workspace.AdminUrl) };
        var token = File.ReadAllText(workspace.Combine("data", "admin.token")).Trim();
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public async Task<string> GetAsync(string path)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    public async Task PostAsync(string path)
    {
        // The API takes requests other than GET only with a JSON content type, body or not.
        using var body = new StringContent("", System.Text.Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(new Uri(path, UriKind.Relative), body);
        response.EnsureSuccessStatusCode();
    }

    public void Dispose() => _http.Dispose();
}
