using System.Text.Json.Nodes;
using Microsoft.Playwright;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Dashboard.Support;

/// <summary>
/// One real daemon shared by the tests of a class: a workspace with a few groups and tasks, the
/// admin token, and helpers to log a browser page in. Subclasses change the settings or the jobs.
/// </summary>
public class DashboardDaemon : IAsyncLifetime
{
    private Workspace? _workspace;
    private DaemonProcess? _daemon;

    public Workspace Workspace => _workspace ?? throw new InvalidOperationException("not started");

    public DaemonProcess Process => _daemon ?? throw new InvalidOperationException("not started");

    public string Url => Workspace.AdminUrl;

    public string Token => AdminHttp.Token(Workspace);

    /// <summary>Settings under <c>NanoClaw</c> beyond the workspace's defaults.</summary>
    protected virtual void Configure(JsonObject nanoclaw) { }

    protected virtual string Jobs() =>
        new JobsJsonBuilder()
            .Group("main", isMain: true)
            .Group("ops")
            .ShellTask("nightly", "main", "echo nightly", new { cron = "0 0 3 * * ?" })
            .ShellTask("hourly", "ops", "echo hourly", new { cron = "0 0 * * * ?" })
            .ToString();

    public async ValueTask InitializeAsync()
    {
        _workspace = new Workspace(Configure);
        _workspace.WriteJobs(Jobs());
        _daemon = _workspace.StartDaemon();
        await _daemon.WaitUntilStartedAsync();
    }

    /// <summary>Logs the page in through the login form with the admin token (an operator).</summary>
    public async Task LoginAsync(IPage page, string? token = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/login");
        await page.GetByLabel("Admin token").FillAsync(token ?? Token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        // Only until the redirect commits: the overview's load event may take long on a loaded machine,
        // and what follows waits for what it needs.
        await page.WaitForURLAsync(
            u => !u.Contains("/login", StringComparison.Ordinal),
            new() { WaitUntil = WaitUntilState.Commit }
        );
    }

    public async ValueTask DisposeAsync()
    {
        if (_daemon is not null)
            await _daemon.DisposeAsync();
        _workspace?.Dispose();
        GC.SuppressFinalize(this);
    }
}
