using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using NanoClaw.Runs;
using NanoClaw.Tests.Dashboard.Support;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Dashboard;

/// <summary>The overview, tasks, task and groups pages in a real browser, as an operator uses them.</summary>
[Collection(DashboardGroup.Name)]
public sealed class DashboardPagesSpec(DashboardBrowser browser, DashboardPagesSpec.Daemon daemon)
    : IClassFixture<DashboardPagesSpec.Daemon>
{
    private static readonly string[] Pages =
    [
        "/",
        "/tasks",
        "/tasks/nightly",
        "/groups",
        "/tasks/new",
        "/exec",
        CronExample,
    ];

    private const string CronExample = "/cron?expr=0+9+*+*+1-5&zone=Europe/Berlin&next=5";

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
        await Assertions.Expect(rows).ToHaveCountAsync(3);

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
        await Assertions.Expect(rows.First).ToContainTextAsync("broken");
        await page.Context.CloseAsync();
    }

    [Fact(Timeout = 60_000)]
    public async Task The_overview_shows_failing_streaks_recent_failures_next_firings_and_the_run_chart()
    {
        var ct = TestContext.Current.CancellationToken;
        using (var api = AdminHttp.For(daemon.Workspace))
            for (var n = 1; n <= 2; n++)
            {
                using var body = new StringContent(
                    "{}",
                    System.Text.Encoding.UTF8,
                    "application/json"
                );
                var trigger = await api.PostAsync("/api/tasks/broken/trigger", body, ct);
                Assert.True(
                    trigger.IsSuccessStatusCode,
                    $"{trigger.StatusCode}: {await trigger.Content.ReadAsStringAsync(ct)}"
                );
                await daemon.Workspace.WaitForRunsAsync(
                    "broken",
                    n,
                    TimeSpan.FromSeconds(20),
                    r => r.Status == RunStatus.Failed
                );
            }
        var failed = await daemon.Workspace.WaitForRunsAsync("broken", 2, TimeSpan.FromSeconds(1));
        var page = await LoggedInAsync();

        await page.GotoAsync("/");

        var failing = page.GetByRole(AriaRole.Region, new() { Name = "Failing tasks" });
        var streak = failing.GetByRole(AriaRole.Row).Filter(new() { HasText = "broken" });
        await Assertions.Expect(streak.GetByRole(AriaRole.Cell).Nth(3)).ToHaveTextAsync("2");
        await Assertions.Expect(streak).ToContainTextAsync("failed");
        await Assertions
            .Expect(streak.GetByRole(AriaRole.Link, new() { Name = failed[0].Id }))
            .ToHaveAttributeAsync("href", "/runs/" + failed[0].Id);
        var recent = page.GetByRole(AriaRole.Region, new() { Name = "Recent failures" });
        foreach (var run in failed)
            await Assertions
                .Expect(recent.GetByRole(AriaRole.Link, new() { Name = run.Id }))
                .ToHaveAttributeAsync("href", "/runs/" + run.Id);
        var next = page.GetByRole(AriaRole.Region, new() { Name = "Next firings" });
        await Assertions.Expect(next.GetByRole(AriaRole.Row)).ToHaveCountAsync(4);
        await Assertions.Expect(next).ToContainTextAsync("nightly");
        await Assertions.Expect(next).ToContainTextAsync("hourly");
        var chart = page.GetByRole(AriaRole.Img, new() { Name = "Runs started per hour" });
        await Assertions
            .Expect(chart)
            .ToHaveAccessibleNameAsync(
                new System.Text.RegularExpressions.Regex(@" 2 failed or timed out, ")
            );
        Assert.True(await page.Locator("figure.activity rect.bad").CountAsync() >= 1);
        await Assertions.Expect(page.Locator("figure.activity tbody tr")).ToHaveCountAsync(24);
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

    [Fact(Timeout = 60_000)]
    public async Task The_cron_page_lists_fire_times_across_a_daylight_saving_change_and_names_a_bad_field()
    {
        var page = await LoggedInAsync();
        // Weekdays at 09:00 in Berlin, from the Friday before clocks go forward (Sunday 29 March 2026).
        await page.GotoAsync(
            "/cron?expr=0+9+*+*+1-5&zone=Europe/Berlin&from=2026-03-27T00:00:00Z&next=3"
        );
        var rows = await page.Locator("table.cron-times tbody tr").AllInnerTextsAsync();
        Assert.Equal(
            [
                "1\t2026-03-27 09:00:00 Fri (+01:00)\t2026-03-27 08:00:00 UTC",
                "2\t2026-03-30 09:00:00 Mon (+02:00)\t2026-03-30 07:00:00 UTC",
                "3\t2026-03-31 09:00:00 Tue (+02:00)\t2026-03-31 07:00:00 UTC",
            ],
            rows
        );

        await page.GotoAsync("/cron?expr=0+25+*+*+*&zone=Mars/Olympus");
        await Assertions.Expect(page.Locator("#e-expr")).ToContainTextAsync("Expression:");
        await Assertions.Expect(page.Locator("#e-zone")).ToContainTextAsync("Mars/Olympus");
        Assert.Equal(0, await page.Locator("table.cron-times").CountAsync());
        Assert.Equal("true", await page.Locator("#f-expr").GetAttributeAsync("aria-invalid"));
        await page.Context.CloseAsync();
    }

    [Fact(Timeout = 150_000)]
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
        // Only until the redirect commits: the overview's load event may take long on a loaded machine,
        // and what follows waits for what it needs.
        await page.WaitForURLAsync(
            u => !u.Contains("/login", StringComparison.Ordinal),
            new() { WaitUntil = WaitUntilState.Commit }
        );

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
        var run = await FinishedRunAsync("hourly");
        (string Name, string Path)[] pages =
        [
            .. ScreenshotPages,
            ("runs", "/runs"),
            ("run", "/runs/" + run),
        ];
        foreach (var (size, width, height) in new[] { ("desktop", 1280, 800), ("phone", 390, 844) })
        {
            var page = await browser.NewPageAsync(daemon.Url, width, height);
            await page.GotoAsync("/login");
            await Shoot(page, "login", size);
            await daemon.LoginAsync(page);
            foreach (var (name, path) in pages)
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
        ("task-new", "/tasks/new"),
        ("exec", "/exec"),
        ("cron", CronExample),
    ];

    /// <summary>Runs the task through the API and gives the id of its finished run.</summary>
    private async Task<string> FinishedRunAsync(string task)
    {
        var ct = TestContext.Current.CancellationToken;
        using var api = AdminHttp.For(daemon.Workspace);
        using var body = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        var trigger = await api.PostAsync($"/api/tasks/{task}/trigger", body, ct);
        Assert.True(
            trigger.IsSuccessStatusCode,
            $"{trigger.StatusCode}: {await trigger.Content.ReadAsStringAsync(ct)}"
        );
        var runs = await daemon.Workspace.WaitForRunsAsync(
            task,
            1,
            TimeSpan.FromSeconds(20),
            r => r.Status == RunStatus.Succeeded
        );
        return runs[0].Id;
    }

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

    /// <summary>The shared daemon plus a task whose command always fails (never due by itself).</summary>
    public sealed class Daemon : DashboardDaemon
    {
        protected override string Jobs() =>
            new JobsJsonBuilder()
                .Group("main", isMain: true)
                .Group("ops")
                .ShellTask("nightly", "main", "echo nightly", new { cron = "0 0 3 * * ?" })
                .ShellTask("hourly", "ops", "echo hourly", new { cron = "0 0 * * * ?" })
                .ShellTask("broken", "main", "exit 3", new { cron = "0 0 0 1 1 ? 2099" })
                .ToString();
    }
}
