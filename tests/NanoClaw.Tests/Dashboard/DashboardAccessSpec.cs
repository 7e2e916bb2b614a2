using System.Net;
using System.Net.Http.Headers;
using NanoClaw.Dashboard;
using NanoClaw.Tests.Admin;
using NanoClaw.Tests.Dashboard.Support;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Dashboard;

/// <summary>
/// Who may see and do what on the dashboard, over plain HTTP: what a browser would never send
/// (odd spellings, forged or missing tokens, copied cookies) is sent here.
/// </summary>
[Collection(DashboardGroup.Name)]
public sealed class DashboardAccessSpec(DashboardUsersDaemon daemon)
    : IClassFixture<DashboardUsersDaemon>
{
    private static readonly string[] PageSpellings =
    [
        "/",
        "/tasks",
        "/TASKS",
        "/Tasks/",
        "/tasks/",
        "/%74asks",
        "/%54ASKS/",
        "/tasks?q=x",
        "/groups",
        "/GROUPS/",
        "/%67roups",
        "/tasks/nightly",
        "/TASKS/nightly/",
        "/tasks/no-such-task",
    ];

    [Fact(Timeout = 60_000)]
    public async Task Every_page_without_a_session_redirects_to_the_login_form_whatever_its_spelling()
    {
        foreach (var target in PageSpellings)
        {
            var answer = await RawHttp.SendAsync(daemon.Workspace.AdminPort, "GET", target);

            Assert.True(answer.Status == 302, $"{target}: {answer}");
            Assert.True(answer.HasHeader("Location: http://127.0.0.1:"), $"{target}: {answer}");
            Assert.Contains("/login?returnUrl=", answer.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("nightly", answer.Body, StringComparison.Ordinal);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task The_bearer_token_does_not_open_pages_and_the_session_cookie_does_not_open_the_api()
    {
        var ct = TestContext.Current.CancellationToken;
        using var bearer = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(daemon.Url),
        };
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer",
            daemon.Token
        );
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/api/tasks", ct)).StatusCode);
        var page = await bearer.GetAsync("/tasks", ct);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/login", page.Headers.Location!.ToString(), StringComparison.Ordinal);

        using var browser = new DashboardHttp(daemon.Url);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.LoginAsync(daemon.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/tasks", ct)).StatusCode);
        Assert.Equal(
            HttpStatusCode.Unauthorized,
            (await browser.Client.GetAsync("/api/tasks", ct)).StatusCode
        );
        using var json = new StringContent("{}", new MediaTypeHeaderValue("application/json"));
        Assert.Equal(
            HttpStatusCode.Unauthorized,
            (await browser.Client.PostAsync("/api/tasks/nightly/pause", json, ct)).StatusCode
        );
        Assert.False(await IsPausedAsync("nightly"));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_post_without_or_with_a_wrong_antiforgery_token_is_refused_and_changes_nothing()
    {
        using var browser = new DashboardHttp(daemon.Url);
        await browser.LoginAsync(daemon.Token);
        var real = await browser.PageTokenAsync("/tasks");
        using var other = new DashboardHttp(daemon.Url);
        await other.LoginAsync(daemon.Token);
        var someoneElses = await other.PageTokenAsync("/tasks");

        var none = await browser.PostAsync("/tasks/nightly/pause", null);
        var wrong = await browser.PostAsync("/tasks/nightly/pause", "CfDJ8forged" + real[12..]);
        var stolen = await browser.PostAsync("/tasks/nightly/pause", someoneElses);
        var anonymous = await new DashboardHttp(daemon.Url).PostAsync("/tasks/nightly/pause", real);

        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, stolen.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", none.Content.Headers.ContentType?.MediaType);
        // A browser is shown a page in the dashboard's layout; htmx a fragment and a header.
        var page = await PostWithAsync(browser, "/tasks/nightly/pause", "Accept", "text/html,*/*");
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var htmx = await PostWithAsync(browser, "/tasks/nightly/pause", "HX-Request", "true");
        var fragment = await htmx.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var stranger = new DashboardHttp(daemon.Url);
        var login = await PostWithAsync(stranger, "/login", "Accept", "text/html");
        var loginHtml = await login.Content.ReadAsStringAsync(
            TestContext.Current.CancellationToken
        );
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<h1>Form expired</h1>", html, StringComparison.Ordinal);
        Assert.Contains(ForgeryRefusal.Text, html, StringComparison.Ordinal);
        Assert.Contains("<nav aria-label=\"Main\">", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, htmx.StatusCode);
        Assert.Equal(
            ForgeryRefusal.Text,
            htmx.Headers.GetValues(ForgeryRefusal.ErrorHeader).Single()
        );
        Assert.Contains("role=\"alert\"", fragment, StringComparison.Ordinal);
        Assert.DoesNotContain("<nav", fragment, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, login.StatusCode);
        Assert.Contains(ForgeryRefusal.Text, loginHtml, StringComparison.Ordinal);
        Assert.Contains("name=\"token\"", loginHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(
            login.Headers.TryGetValues("Set-Cookie", out var set) ? set : [],
            c => c.StartsWith(DashboardAuth.CookieName, StringComparison.Ordinal)
        );
        Assert.False(await IsPausedAsync("nightly"));
        // The same form with the page's own token does act: the refusals above were the token's.
        var proper = await browser.PostAsync("/tasks/nightly/pause", real);
        Assert.Equal(HttpStatusCode.Redirect, proper.StatusCode);
        Assert.True(await IsPausedAsync("nightly"));
        await browser.PostAsync("/tasks/nightly/resume", real);
        Assert.False(await IsPausedAsync("nightly"));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_viewer_sees_pages_without_action_buttons_and_a_crafted_post_is_forbidden()
    {
        var ct = TestContext.Current.CancellationToken;
        using var viewer = new DashboardHttp(daemon.Url);
        var login = await viewer.LoginAsync(
            null,
            DashboardUsersDaemon.ViewerName,
            DashboardUsersDaemon.Password
        );
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);

        foreach (var path in new[] { "/", "/tasks", "/groups", "/tasks/nightly" })
        {
            var html = await viewer.Client.GetStringAsync(path, ct);
            Assert.Contains("vera <span class=\"role\">(viewer)", html, StringComparison.Ordinal);
            Assert.DoesNotContain("/pause\"", html, StringComparison.Ordinal);
            Assert.DoesNotContain("/resume\"", html, StringComparison.Ordinal);
            Assert.DoesNotContain("/run\"", html, StringComparison.Ordinal);
        }
        var token = await viewer.PageTokenAsync("/tasks");
        foreach (
            var path in new[]
            {
                "/tasks/nightly/pause",
                "/tasks/nightly/run",
                "/tasks/nightly/delete",
                "/groups/main/pause",
            }
        )
            Assert.Equal(
                HttpStatusCode.Forbidden,
                (await viewer.PostAsync(path, token)).StatusCode
            );
        Assert.False(await IsPausedAsync("nightly"));
        Assert.Empty(await daemon.Workspace.RunsAsync("nightly"));

        using var operatorUser = new DashboardHttp(daemon.Url);
        await operatorUser.LoginAsync(
            null,
            DashboardUsersDaemon.OperatorName,
            DashboardUsersDaemon.Password
        );
        Assert.Contains(
            "/tasks/nightly/pause\"",
            await operatorUser.Client.GetStringAsync("/tasks", ct),
            StringComparison.Ordinal
        );
    }

    [Fact(Timeout = 60_000)]
    public async Task Logging_out_ends_the_session_on_the_server_so_a_copied_cookie_is_refused()
    {
        var ct = TestContext.Current.CancellationToken;
        using var browser = new DashboardHttp(daemon.Url);
        var login = await browser.LoginAsync(daemon.Token);
        var setCookie = login
            .Headers.GetValues("Set-Cookie")
            .Single(c => c.StartsWith("nanoclaw-session=", StringComparison.Ordinal));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", setCookie, StringComparison.OrdinalIgnoreCase);
        var copied = setCookie.Split(';')[0];

        var logout = await browser.PostAsync("/logout", await browser.PageTokenAsync("/"));
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);

        using var replay = new HttpClient(
            new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }
        )
        {
            BaseAddress = new Uri(daemon.Url),
        };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/tasks");
        request.Headers.Add("Cookie", copied);
        var answer = await replay.SendAsync(request, ct);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Contains("/login", answer.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Login_accepts_only_local_return_addresses()
    {
        var ct = TestContext.Current.CancellationToken;
        using var browser = new DashboardHttp(daemon.Url);
        var form = await browser.Client.GetStringAsync(
            "/login?returnUrl=https://evil.example/",
            ct
        );
        Assert.DoesNotContain("evil.example", form, StringComparison.Ordinal);
        using var body = new FormUrlEncodedContent(
            new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = DashboardHttp.FormToken(form),
                ["token"] = daemon.Token,
                ["returnUrl"] = "//evil.example/",
            }
        );
        var answer = await browser.Client.PostAsync("/login", body, ct);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal("/", answer.Headers.Location!.ToString());
    }

    /// <summary>The pause form without its token, sent with one header a browser or htmx adds.</summary>
    private static async Task<HttpResponseMessage> PostWithAsync(
        DashboardHttp client,
        string path,
        string header,
        string value
    )
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent(
                new Dictionary<string, string> { ["returnUrl"] = "/", ["token"] = "x" }
            ),
        };
        request.Headers.TryAddWithoutValidation(header, value);
        return await client.Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private async Task<bool> IsPausedAsync(string task)
    {
        using var api = AdminHttp.For(daemon.Workspace);
        var json = await api.GetStringAsync(
            $"/api/tasks/{task}",
            TestContext.Current.CancellationToken
        );
        return json.Contains("\"taskPaused\":true", StringComparison.Ordinal);
    }
}
