using Microsoft.Playwright;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Dashboard.Support;

/// <summary>
/// One headless Chromium (Debian's, driven by Playwright) shared by the dashboard's browser tests;
/// each test opens its own context, so cookies never leak from one test into another. Playwright's
/// own browser download is never used: it is not reachable here.
/// </summary>
public sealed class DashboardBrowser : IAsyncLifetime
{
    private static readonly string[] ChromiumArgs =
    [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async ValueTask InitializeAsync()
    {
        if (RequireTool.Find("chromium") is not { } chromium)
            return;
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(
            new BrowserTypeLaunchOptions
            {
                ExecutablePath = chromium,
                Headless = true,
                Args = ChromiumArgs,
                Timeout = 60_000,
            }
        );
    }

    /// <summary>The browser; skips the test without Chromium (fails under CI, where .ci/run installs it).</summary>
    public IBrowser Require()
    {
        RequireTool.OnPath(
            "chromium",
            "apt-get install -y chromium; .ci/setup-chromium.sh does it"
        );
        return _browser ?? throw new InvalidOperationException("Chromium did not start");
    }

    /// <summary>A fresh context (its own cookies) and page at the given size, for one test.</summary>
    public async Task<IPage> NewPageAsync(
        string baseUrl,
        int width = 1280,
        int height = 800,
        bool bypassCsp = false
    )
    {
        var context = await Require()
            .NewContextAsync(
                new BrowserNewContextOptions
                {
                    BaseURL = baseUrl,
                    ViewportSize = new ViewportSize { Width = width, Height = height },
                    // Fixed, so that screenshots and time formatting do not depend on the machine.
                    TimezoneId = "Europe/Berlin",
                    Locale = "en-GB",
                    // Only for the accessibility scan, whose script the page's policy would refuse.
                    BypassCSP = bypassCsp,
                }
            );
        // The suite runs two Chromium lanes beside busy daemons (load above 10 on two cores): a
        // login that redirects in a second alone has taken over 15 s there.
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
