using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using NanoClaw.Dashboard;
using NanoClaw.Tests.Dashboard.Support;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Dashboard;

/// <summary>
/// Over HTTPS (<c>Admin:Certificate</c>) the dashboard's cookies are <c>Secure</c>, so a browser never
/// sends them over plain HTTP; over plain loopback HTTP they cannot be (DashboardAccessSpec checks
/// that). HttpOnly and SameSite=Strict hold in both.
/// </summary>
public sealed class SecureCookieSpec
{
    [Fact(Timeout = 150_000)]
    public async Task Over_https_the_session_and_antiforgery_cookies_are_secure_httponly_and_strict()
    {
        var ct = TestContext.Current.CancellationToken;
        using var workspace = new Workspace();
        var certificatePath = workspace.Combine("admin.pfx");
        await File.WriteAllBytesAsync(
            certificatePath,
            SelfSigned().Export(X509ContentType.Pfx, "secret"),
            ct
        );
        var url = $"https://127.0.0.1:{workspace.AdminPort}";
        workspace.RewriteSettings(text =>
        {
            var settings = JsonNode.Parse(text)!;
            settings["NanoClaw"]!["Admin"] = new JsonObject
            {
                ["Url"] = url,
                ["Certificate"] = new JsonObject
                {
                    ["Path"] = certificatePath,
                    ["Password"] = "secret",
                },
            };
            return settings.ToJsonString();
        });
        workspace.WriteJobs(new JobsJsonBuilder().Group("main", isMain: true).ToString());
        await using var daemon = workspace.StartDaemon();
        // Generous: loading the certificate is slow on a loaded machine.
        await daemon.WaitForOutputAsync("NanoClaw ready", TimeSpan.FromSeconds(90));
        using var http = new HttpClient(
            new HttpClientHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                // The test's own self-signed certificate; what is checked here is the cookies.
                ServerCertificateCustomValidationCallback = (_, _, _, _) => true,
            }
        )
        {
            BaseAddress = new Uri(url),
        };

        using var form = await http.GetAsync("/login", ct);
        var antiforgery = Cookie(form, DashboardAuth.AntiforgeryCookieName);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = DashboardHttp.FormToken(
                        await form.Content.ReadAsStringAsync(ct)
                    ),
                    ["token"] = AdminHttp.Token(workspace),
                    ["returnUrl"] = "/",
                }
            ),
        };
        request.Headers.Add("Cookie", antiforgery.Split(';')[0]);
        using var login = await http.SendAsync(request, ct);
        var session = Cookie(login, DashboardAuth.CookieName);

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        foreach (var cookie in new[] { session, antiforgery })
        {
            var attributes = cookie.Split(';').Select(a => a.Trim().ToLowerInvariant()).ToList();
            Assert.Contains("secure", attributes);
            Assert.Contains("httponly", attributes);
            Assert.Contains("samesite=strict", attributes);
        }
    }

    private static string Cookie(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.Single(c => c.StartsWith(name + "=", StringComparison.Ordinal))
            : throw new InvalidOperationException($"no Set-Cookie in {response}");

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(
            "CN=127.0.0.1",
            key,
            HashAlgorithmName.SHA256,
            RSASignaturePadding.Pkcs1
        );
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        return request.CreateSelfSigned(
            DateTimeOffset.UtcNow.AddDays(-1),
            DateTimeOffset.UtcNow.AddDays(30)
        );
    }
}
