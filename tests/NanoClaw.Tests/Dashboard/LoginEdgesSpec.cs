using System.Net;
using System.Text.Json.Nodes;
using NanoClaw.Dashboard;
using NanoClaw.Tests.Dashboard.Support;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Dashboard;

/// <summary>
/// Logins against the real daemon: the limit on failures per address, and what its log keeps of
/// logins that failed and succeeded. One test, because the limit holds for every caller on the
/// loopback address the tests share.
/// </summary>
public sealed class LoginEdgesSpec
{
    private const string Name = "otto";
    private const string Password = "otto-secret-password-42";
    private const string WrongPassword = "wrong-guess-password-17";

    [Fact(Timeout = 120_000)]
    public async Task Failed_logins_are_limited_per_address_and_no_secret_reaches_the_log()
    {
        var ct = TestContext.Current.CancellationToken;
        var hash = DashboardCredentials.Hash(Password);
        using var workspace = new Workspace(s =>
            s["Dashboard"] = new JsonObject
            {
                ["Users"] = new JsonArray(
                    new JsonObject
                    {
                        ["Name"] = Name,
                        ["PasswordHash"] = hash,
                        ["Role"] = "operator",
                    }
                ),
            }
        );
        // As much logging as there is: nothing of a login may show up at any level.
        workspace.RewriteSettings(text =>
            text.Replace("\"Information\"", "\"Debug\"", StringComparison.Ordinal)
        );
        workspace.WriteJobs(new JobsJsonBuilder().Group("main", isMain: true).ToString());
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();
        var token = AdminHttp.Token(workspace);

        var byToken = await LoginAsync(workspace, token);
        var byPassword = await LoginAsync(workspace, null, Name, Password);
        var wrongPassword = await LoginAsync(workspace, null, Name, WrongPassword);
        var wrongToken = await LoginAsync(workspace, token + "x");
        // A success clears the failures before it: the limit below starts from nothing.
        var again = await LoginAsync(workspace, token);
        var flood = await Task.WhenAll(
            Enumerable.Range(0, 12).Select(_ => LoginAsync(workspace, null, Name, WrongPassword))
        );
        var rightWhileLimited = await LoginAsync(workspace, null, Name, Password);
        var tokenWhileLimited = await LoginAsync(workspace, token);

        Assert.Equal(HttpStatusCode.Redirect, byToken.Status);
        Assert.Equal(HttpStatusCode.Redirect, byPassword.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongToken.Status);
        Assert.Equal(HttpStatusCode.Redirect, again.Status);
        Assert.Equal(
            LoginThrottle.MaxFailures,
            flood.Count(f => f.Status == HttpStatusCode.Unauthorized)
        );
        Assert.Equal(
            12 - LoginThrottle.MaxFailures,
            flood.Count(f => f.Status == HttpStatusCode.TooManyRequests)
        );
        Assert.Equal(HttpStatusCode.TooManyRequests, rightWhileLimited.Status);
        Assert.False(rightWhileLimited.HasSession, "a limited address got a session");
        Assert.InRange(rightWhileLimited.RetryAfter ?? 0, 1, 60);
        Assert.Contains("Too many failed logins", rightWhileLimited.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, tokenWhileLimited.Status);

        await Task.Delay(500, ct);
        var log = daemon.Output;
        Assert.Contains("NanoClaw ready", log, StringComparison.Ordinal);
        foreach (var secret in new[] { token, Password, WrongPassword, hash })
            Assert.DoesNotContain(secret, log, StringComparison.Ordinal);
        foreach (var answer in flood.Append(wrongPassword).Append(rightWhileLimited))
        {
            Assert.DoesNotContain(Password, answer.Body, StringComparison.Ordinal);
            Assert.DoesNotContain(WrongPassword, answer.Body, StringComparison.Ordinal);
        }
        Assert.DoesNotContain(token, wrongToken.Body, StringComparison.Ordinal);
    }

    private static async Task<Answer> LoginAsync(
        Workspace workspace,
        string? token,
        string? name = null,
        string? password = null
    )
    {
        using var browser = new DashboardHttp(workspace.AdminUrl);
        using var response = await browser.LoginAsync(token, name, password);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return new Answer(
            response.StatusCode,
            body,
            response.Headers.RetryAfter?.Delta?.TotalSeconds,
            browser
                .Cookies.GetCookies(new Uri(workspace.AdminUrl))
                .Any(c => c.Name == DashboardAuth.CookieName)
        );
    }

    private sealed record Answer(
        HttpStatusCode Status,
        string Body,
        double? RetryAfter,
        bool HasSession
    );
}
