using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using NanoClaw.Tests.Dashboard.Support;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Dashboard;

/// <summary>The overview, tasks, task and groups pages in a real browser, as an operator uses them.</summary>
[Collection(DashboardGroup.Name)]
public sealed class DashboardPagesSpec(DashboardBrowser browser, DashboardDaemon daemon)
    : IClassFixture<DashboardDaemon>
{
    private static readonly string[] Pages = ["/", "/tasks", "/tasks/nightly", "/groups"];

    [Fact(Timeout = 60_000)]
    public async Task A_task_is_paused_and_resumed_from_the_tasks_page()
    {
        var page = await LoggedInAsync();
        await page.GotoAsync("/tasks");

        await page.GetByRole(AriaRole.Button, new() { Name = "Pause task hourly" }).ClickAsync();

        await Assertions
            .Expect(page.GetByRole(AriaRole.Button, new() { Name = "Resume task hourly" }))
            .ToBeVisibleAsync();
        Assert.EndsWith("/tasks", page.Url, StringComparison.Ordinal);
        Assert.Contains(
            "\"taskPaused\":true",
            await TaskJsonAsync("hourly"),
            StringComparison.Ordinal
        );
        await page.GetByRole(AriaRole.Button, new() { Name = "Resume task hourly" }).ClickAsync();
        await Assertions
            .Expect(page.GetByRole(AriaRole.Button, new() { Name = "Pause task hourly" }))
            .ToBeVisibleAsync();
        Assert.Contains(
            "\"taskPaused\":false",
            await TaskJsonAsync("hourly"),
            StringComparison.Ordinal
        );
        await page.Context.CloseAsync();
    }

    [Fact(Timeout = 60_000)]
    public async Task A_group_is_paused_and_resumed_from_the_groups_page()
    {
        var page = await LoggedInAsync();
        await page.GotoAsync("/groups");

        await page.GetByRole(AriaRole.Button, new() { Name = "Pause group ops" }).ClickAsync();

        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "ops" });
        await Assertions.Expect(row).ToContainTextAsync("paused");
        using (var api = AdminHttp.For(daemon.Workspace))
            Assert.Contains(
                "\"name\":\"ops\",\"isMain\":false,\"mode\":\"host\",\"state\":\"paused\"",
                await api.GetStringAsync("/api/groups", TestContext.Current.CancellationToken),
                StringComparison.Ordinal
            );
        await page.GetByRole(AriaRole.Button, new() { Name = "Resume group ops" }).ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("normal");
        await page.Context.CloseAsync();
    }

    [Fact(Timeout = 60_000)]
    public async Task The_tasks_page_searches_and_filters_by_group_state_and_source()
    {
        var page = await LoggedInAsync();
        await page.GotoAsync("/tasks");
        var rows = page.Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);

        await page.GetByLabel("Search").FillAsync("NIGHT");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync("nightly");

        await page.GotoAsync("/tasks");
        await page.GetByLabel("Group").SelectOptionAsync("ops");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync("hourly");

        await page.GotoAsync("/tasks?state=paused");
        await Assertions.Expect(page.GetByText("No task matches.")).ToBeVisibleAsync();
        await page.GotoAsync("/tasks?source=agent");
        await Assertions.Expect(page.GetByText("No task matches.")).ToBeVisibleAsync();
        await page.GotoAsync("/tasks?source=file&sort=id");
        await Assertions.Expect(rows.First).ToContainTextAsync("hourly");
        await page.Context.CloseAsync();
    }

    [Fact(Timeout = 60_000)]
    public async Task Run_now_on_the_task_page_creates_a_run_of_that_task()
    {
        var page = await LoggedInAsync();
        await page.GotoAsync("/tasks/nightly");
        await Assertions.Expect(page.Locator("ol.times li")).ToHaveCountAsync(10);

        await page.GetByRole(AriaRole.Button, new() { Name = "Run now task nightly" }).ClickAsync();

        await page.WaitForURLAsync(u => u.Contains("/runs/", StringComparison.Ordinal));
        var runs = await daemon.Workspace.WaitForRunsAsync("nightly", 1, TimeSpan.FromSeconds(20));
        Assert.EndsWith("/runs/" + runs[0].Id, page.Url, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact(Timeout = 90_000)]
    public async Task No_page_has_serious_or_critical_accessibility_violations()
    {
        var page = await LoggedInAsync(bypassCsp: true);
        var found = new List<string>();
        foreach (var path in Pages.Append("/login"))
        {
            if (path == "/login")
                await page.Context.ClearCookiesAsync();
            await page.GotoAsync(path);
            var result = await page.RunAxe();
            found.AddRange(
                result
                    .Violations.Where(v => v.Impact is "serious" or "critical")
                    .Select(v =>
                        $"{path}: {v.Id} ({v.Impact}) {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Html))}"
                    )
            );
        }
        Assert.Empty(found);
        await page.Context.CloseAsync();
    }

    [Fact(Timeout = 60_000)]
    public async Task The_login_form_and_a_pause_button_work_from_the_keyboard()
    {
        var page = await browser.NewPageAsync(daemon.Url);
        await page.GotoAsync("/login");

        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("token", await page.EvaluateAsync<string>("document.activeElement.id"));
        await page.Keyboard.TypeAsync(daemon.Token);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));

        await page.GotoAsync("/tasks/hourly");
        var pause = page.GetByRole(AriaRole.Button, new() { Name = "Pause task hourly" });
        for (
            var i = 0;
            i < 40 && !await pause.EvaluateAsync<bool>("b => b === document.activeElement");
            i++
        )
            await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(pause).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions
            .Expect(page.GetByRole(AriaRole.Button, new() { Name = "Resume task hourly" }))
            .ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Resume task hourly" }).ClickAsync();
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// Every page at laptop and phone width fits without sideways scrolling; with
    /// <c>NANOCLAW_SCREENSHOTS=1</c> the pictures are written to docs/screenshots for the README.
    /// </summary>
    [Fact(Timeout = 120_000)]
    public async Task Every_page_fits_a_laptop_and_a_phone_and_is_photographed_on_request()
    {
        var write = Environment.GetEnvironmentVariable("NANOCLAW_SCREENSHOTS") == "1";
        var folder = Path.Combine(RepositoryFiles.Root, "docs", "screenshots");
        foreach (var (size, width, height) in new[] { ("desktop", 1280, 800), ("phone", 390, 844) })
        {
            var page = await browser.NewPageAsync(daemon.Url, width, height);
            await page.GotoAsync("/login");
            await Shoot(page, "login", size);
            await daemon.LoginAsync(page);
            foreach (var (name, path) in ScreenshotPages)
            {
                await page.GotoAsync(path);
                await Shoot(page, name, size);
            }
            await page.Context.CloseAsync();
        }

        async Task Shoot(IPage page, string name, string size)
        {
            var overflow = await page.EvaluateAsync<int>(
                "document.documentElement.scrollWidth - window.innerWidth"
            );
            Assert.True(overflow <= 0, $"{name} at {size} width scrolls sideways by {overflow} px");
            var png = await page.ScreenshotAsync(
                new()
                {
                    FullPage = true,
                    Path = write ? Path.Combine(folder, $"{name}-{size}.png") : null,
                }
            );
            Assert.NotEmpty(png);
        }
    }

    private static readonly (string Name, string Path)[] ScreenshotPages =
    [
        ("overview", "/"),
        ("tasks", "/tasks"),
        ("task", "/tasks/nightly"),
        ("groups", "/groups"),
    ];

    private async Task<IPage> LoggedInAsync(bool bypassCsp = false)
    {
        var page = await browser.NewPageAsync(daemon.Url, bypassCsp: bypassCsp);
        await daemon.LoginAsync(page);
        return page;
    }

    private async Task<string> TaskJsonAsync(string id)
    {
        using var api = AdminHttp.For(daemon.Workspace);
        return await api.GetStringAsync($"/api/tasks/{id}", TestContext.Current.CancellationToken);
    }
}
