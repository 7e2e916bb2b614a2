using Microsoft.Playwright;
using NanoClaw.Tests.Dashboard.Support;

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
}
