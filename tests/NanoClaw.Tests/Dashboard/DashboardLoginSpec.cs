using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Playwright;
using NanoClaw.Tests.Dashboard.Support;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Dashboard;

/// <summary>Logging in and out of the dashboard in a real browser.</summary>
[Collection(DashboardGroup.Name)]
public sealed class DashboardLoginSpec(DashboardBrowser browser, DashboardDaemon daemon)
    : IClassFixture<DashboardDaemon>
{
    [Fact(Timeout = 60_000)]
    public async Task Logging_in_with_the_admin_token_opens_the_overview_as_an_operator()
    {
        var page = await browser.NewPageAsync(daemon.Url);

        await page.GotoAsync("/");
        Assert.Contains("/login?returnUrl=%2F", page.Url, StringComparison.Ordinal);
        await daemon.LoginAsync(page);

        Assert.EndsWith("/", page.Url, StringComparison.Ordinal);
        await Assertions
            .Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview" }))
            .ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("header .who")).ToContainTextAsync("admin (operator)");
        var session = (await page.Context.CookiesAsync()).Single(c => c.Name == "nanoclaw-session");
        Assert.True(session.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, session.SameSite);
        Assert.False(session.Secure);
        await page.Context.CloseAsync();
    }

    [Fact(Timeout = 60_000)]
    public async Task A_wrong_token_is_refused_and_sets_no_session_cookie()
    {
        var page = await browser.NewPageAsync(daemon.Url);

        await page.GotoAsync("/login");
        await page.GetByLabel("Admin token").FillAsync("not-the-token-" + new string('x', 40));
        var answer = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync(),
            r => r.Url.EndsWith("/login", StringComparison.Ordinal) && r.Request.Method == "POST"
        );

        Assert.Equal(401, answer.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not right");
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "nanoclaw-session");
        await page.GotoAsync("/");
        Assert.Contains("/login", page.Url, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact(Timeout = 60_000)]
    public async Task A_form_on_another_site_cannot_make_a_logged_in_browser_act()
    {
        var page = await browser.NewPageAsync(daemon.Url);
        await daemon.LoginAsync(page);
        using var evil = EvilSite.Serve(
            $"""
            <!DOCTYPE html><html><body>
            <form id="f" method="post" action="{daemon.Url}/tasks/nightly/pause">
              <input name="returnUrl" value="/">
            </form>
            <script>document.getElementById('f').submit();</script>
            </body></html>
            """
        );

        var answer = await page.RunAndWaitForResponseAsync(
            () => page.GotoAsync(evil.Url),
            r => r.Url.EndsWith("/tasks/nightly/pause", StringComparison.Ordinal)
        );

        Assert.Equal(400, answer.Status);
        // The browser shows why, in the dashboard's own layout.
        await Assertions
            .Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Form expired" }))
            .ToBeVisibleAsync();
        await Assertions
            .Expect(page.GetByRole(AriaRole.Alert))
            .ToContainTextAsync("did not come from this dashboard; reload the page");
        await Assertions
            .Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }))
            .ToBeVisibleAsync();
        using var api = AdminHttp.For(daemon.Workspace);
        Assert.Contains(
            "\"taskPaused\":false",
            await api.GetStringAsync("/api/tasks/nightly", TestContext.Current.CancellationToken),
            StringComparison.Ordinal
        );
        await page.Context.CloseAsync();
    }

    [Fact(Timeout = 60_000)]
    public async Task Logging_out_from_the_header_returns_to_the_login_form()
    {
        var page = await browser.NewPageAsync(daemon.Url);
        await daemon.LoginAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();

        await page.WaitForURLAsync(u => u.Contains("/login", StringComparison.Ordinal));
        await page.GotoAsync("/groups");
        Assert.Contains("/login?returnUrl=%2Fgroups", page.Url, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    /// <summary>A page served from another origin (another port), as a hostile site would serve it.</summary>
    private sealed class EvilSite : IDisposable
    {
        private readonly TcpListener _listener;
        private readonly CancellationTokenSource _stop = new();

        private EvilSite(TcpListener listener, string html)
        {
            _listener = listener;
            _ = ServeAsync(html);
        }

        public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/";

        public static EvilSite Serve(string html)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return new EvilSite(listener, html);
        }

        private async Task ServeAsync(string html)
        {
            var body = Encoding.UTF8.GetBytes(html);
            var head = Encoding.ASCII.GetBytes(
                $"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n"
            );
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    var stream = client.GetStream();
                    var buffer = new byte[8192];
                    _ = await stream.ReadAsync(buffer, _stop.Token);
                    await stream.WriteAsync(head, _stop.Token);
                    await stream.WriteAsync(body, _stop.Token);
                }
            }
            catch (OperationCanceledException) { }
            catch (SocketException) { }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            _stop.Dispose();
        }
    }
}
