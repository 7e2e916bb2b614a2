using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Deque.AxeCore.Playwright;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using NanoClaw.Configuration;
using NanoClaw.Dashboard;
using NanoClaw.Jobs;
using NanoClaw.Runs;
using NanoClaw.Runs.Sqlite;
using NanoClaw.Tests.Dashboard.Support;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Dashboard;

/// <summary>The runs list and a run's page in a real browser: live output, cancel, filters, escaping, roles.</summary>
[Collection(DashboardFormsGroup.Name)]
public sealed class RunsPageSpec(DashboardBrowser browser, RunsPageSpec.Daemon daemon)
    : IClassFixture<RunsPageSpec.Daemon>
{
    [Fact(Timeout = 90_000)]
    public async Task A_run_started_now_appears_on_the_runs_page_and_its_output_streams_live_until_its_final_status()
    {
        var page = await LoggedInAsync();
        var runId = await daemon.RunNowAsync("slow");

        await page.GotoAsync("/runs?task=slow");
        await page.Locator($"a[href='/runs/{runId}']").ClickAsync();
        await Assertions.Expect(page.Locator("#run-output")).ToContainTextAsync("first line");
        // A marker in the page's memory: it survives only if the page is never reloaded.
        await page.EvaluateAsync("() => { window.__sameDocument = 42; }");
        await Assertions
            .Expect(page.Locator("#run-output"))
            .ToContainTextAsync("second line", new() { Timeout = 30_000 });
        await Assertions
            .Expect(page.Locator("#run-status"))
            .ToHaveTextAsync("succeeded", new() { Timeout = 30_000 });

        Assert.Equal(42, await page.EvaluateAsync<int>("() => window.__sameDocument"));
        await Assertions
            .Expect(page.Locator("#run-follow-note"))
            .ToContainTextAsync("has ended: succeeded");
        await page.Context.CloseAsync();
    }

    [Fact(Timeout = 90_000)]
    public async Task Cancelling_a_running_run_from_its_page_ends_it_cancelled()
    {
        var page = await LoggedInAsync();
        var runId = await daemon.RunNowAsync("sleeper");
        await daemon.WaitForStatusAsync(runId, RunStatus.Running);

        await page.GotoAsync($"/runs/{runId}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel this run" }).ClickAsync();

        Assert.Equal(RunStatus.Cancelled, (await daemon.WaitForEndAsync(runId)).Status);
        await page.GotoAsync($"/runs/{runId}");
        await Assertions.Expect(page.Locator("#run-status")).ToHaveTextAsync("cancelled");
        await Assertions
            .Expect(page.GetByRole(AriaRole.Button, new() { Name = "Cancel this run" }))
            .ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact(Timeout = 90_000)]
    public async Task Each_filter_narrows_the_runs_list_and_the_older_link_pages_through_the_rest()
    {
        var page = await LoggedInAsync();

        var failed = await RunIdsAsync(page, "/runs?group=seeded&status=failed");
        var retries = await RunIdsAsync(page, "/runs?group=seeded&trigger=retry");
        var ofTask = await RunIdsAsync(page, "/runs?task=seeded-b");
        var window = await RunIdsAsync(
            page,
            $"/runs?group=seeded&from={Minute(Daemon.SeedBase.AddMinutes(-20))}&to={Minute(Daemon.SeedBase.AddMinutes(-9))}"
        );
        // The form itself: choosing a status and submitting filters the same way.
        await page.GotoAsync("/runs?group=seeded");
        await page.GetByLabel("Status").SelectOptionAsync("failed");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("status=failed", StringComparison.Ordinal));
        var byForm = await IdsOnPageAsync(page);
        // Paging: 60 seeded runs, 50 a page.
        var first = await RunIdsAsync(page, "/runs?group=seeded");
        await page.GetByRole(AriaRole.Link, new() { Name = "Older" }).ClickAsync();
        var second = await IdsOnPageAsync(page);

        Assert.Equal(
            daemon.Seeded.Where(r => r.Status == RunStatus.Failed).Select(r => r.Id),
            failed
        );
        Assert.Equal(failed, byForm);
        Assert.Equal(
            daemon.Seeded.Where(r => r.Trigger == RunTrigger.Retry).Select(r => r.Id),
            retries
        );
        Assert.Equal(daemon.Seeded.Where(r => r.TaskId == "seeded-b").Select(r => r.Id), ofTask);
        Assert.Equal(
            daemon
                .Seeded.Where(r =>
                    r.StartedAt >= Daemon.SeedBase.AddMinutes(-20)
                    && r.StartedAt < Daemon.SeedBase.AddMinutes(-9)
                )
                .Select(r => r.Id),
            window
        );
        Assert.Equal(11, window.Count);
        Assert.Equal(50, first.Count);
        Assert.Equal(daemon.Seeded.Select(r => r.Id), first.Concat(second));
        await Assertions
            .Expect(page.GetByRole(AriaRole.Link, new() { Name = "Older" }))
            .ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact(Timeout = 90_000)]
    public async Task Filters_that_cannot_be_read_are_named_and_nothing_is_listed()
    {
        var page = await LoggedInAsync();

        var answer = await page.GotoAsync(
            "/runs?status=bogus&trigger=1&from=yesterday&before=%3Cx%3E"
        );

        Assert.Equal(400, answer!.Status);
        var alert = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(alert).ToContainTextAsync("'status' must be one of");
        await Assertions.Expect(alert).ToContainTextAsync("'trigger' must be one of");
        await Assertions.Expect(alert).ToContainTextAsync("'from' must be a time");
        await Assertions.Expect(alert).ToContainTextAsync("'before' is not a page position");
        await Assertions.Expect(page.Locator("table.runs")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact(Timeout = 90_000)]
    public async Task Hostile_output_is_shown_as_text_live_and_after_the_run_without_running_anything()
    {
        var page = await LoggedInAsync();
        var runId = await daemon.RunNowAsync("hostile");

        // Live: the page is open while the run prints.
        await page.GotoAsync($"/runs/{runId}");
        await Assertions
            .Expect(page.Locator("#run-status"))
            .ToHaveTextAsync("succeeded", new() { Timeout = 30_000 });
        var live = await page.Locator("#run-output").TextContentAsync();
        // Rendered by the server after the run.
        await page.ReloadAsync();
        var rendered = await page.Locator("#run-output").TextContentAsync();

        foreach (var text in new[] { live, rendered })
        {
            Assert.Contains(
                "<script>window.__pwned=1</script>red<img src=x onerror=\"window.__pwned=2\">",
                text,
                StringComparison.Ordinal
            );
            Assert.DoesNotContain('\u001b', text!);
        }
        Assert.Equal(0, await page.Locator("#run-output *").CountAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => window.__pwned === undefined"));
        await page.Context.CloseAsync();
    }

    [Fact(Timeout = 90_000)]
    public async Task A_viewer_sees_a_running_run_but_cannot_cancel_it_even_with_a_valid_form_token()
    {
        var runId = await daemon.RunNowAsync("sleeper");
        await daemon.WaitForStatusAsync(runId, RunStatus.Running);
        var page = await browser.NewPageAsync(daemon.Url);
        await page.GotoAsync("/login");
        await page.GetByLabel("Name").FillAsync("watcher");
        await page.GetByLabel("Password").FillAsync(Daemon.ViewerPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        // Only until the redirect commits: the overview's load event may take long on a loaded machine,
        // and what follows waits for what it needs.
        await page.WaitForURLAsync(
            u => !u.Contains("/login", StringComparison.Ordinal),
            new() { WaitUntil = WaitUntilState.Commit }
        );

        await page.GotoAsync($"/runs/{runId}");
        await Assertions.Expect(page.Locator("#run-status")).ToHaveTextAsync("running");
        await Assertions
            .Expect(page.GetByRole(AriaRole.Button, new() { Name = "Cancel this run" }))
            .ToHaveCountAsync(0);
        // The post a forged button would make, from the page itself, with its own anti-forgery token.
        var status = await page.EvaluateAsync<int>(
            """
            async (id) => {
                const token = document.querySelector('meta[name="nanoclaw-antiforgery"]').content;
                const body = new URLSearchParams({ __RequestVerificationToken: token });
                const answer = await fetch('/runs/' + id + '/cancel', { method: 'POST', body, redirect: 'manual' });
                return answer.status;
            }
            """,
            runId
        );

        Assert.Equal(403, status);
        Assert.Equal(RunStatus.Running, (await daemon.GetAsync(runId))!.Status);
        using var api = AdminHttp.For(daemon.Workspace);
        using var cleanup = new StringContent("", System.Text.Encoding.UTF8, "application/json");
        (
            await api.PostAsync(
                new Uri($"/api/runs/{runId}/cancel", UriKind.Relative),
                cleanup,
                TestContext.Current.CancellationToken
            )
        ).EnsureSuccessStatusCode();
        await page.Context.CloseAsync();
    }

    [Fact(Timeout = 60_000)]
    public async Task An_unknown_or_malformed_run_id_gets_a_not_found_page_and_the_output_stream_needs_a_session()
    {
        var page = await LoggedInAsync();

        var unknown = await page.GotoAsync("/runs/0123456789abcdef");
        var malformed = await page.GotoAsync("/runs/%3Cimg%20src%3Dx%3E");
        var unknownStream = await page.APIRequest.GetAsync("/runs/0123456789abcdef/output");
        var stream = new Uri($"/runs/{daemon.Seeded[0].Id}/output", UriKind.Relative);
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(daemon.Url),
        };
        using var withoutSession = await anonymous.GetAsync(
            stream,
            TestContext.Current.CancellationToken
        );
        // The API's bearer token does not open dashboard pages either.
        anonymous.DefaultRequestHeaders.Authorization = new("Bearer", daemon.Token);
        using var withToken = await anonymous.GetAsync(
            stream,
            TestContext.Current.CancellationToken
        );

        Assert.Equal(404, unknown!.Status);
        Assert.Equal(404, malformed!.Status);
        await Assertions
            .Expect(page.GetByRole(AriaRole.Alert))
            .ToContainTextAsync("There is no run '<img src=x>'");
        Assert.Equal(0, await page.Locator("main img").CountAsync());
        Assert.Equal(404, unknownStream.Status);
        Assert.Equal(HttpStatusCode.Redirect, withoutSession.StatusCode);
        Assert.Contains(
            "/login",
            withoutSession.Headers.Location!.ToString(),
            StringComparison.Ordinal
        );
        Assert.Equal(HttpStatusCode.Redirect, withToken.StatusCode);
        await page.Context.CloseAsync();
    }

    [Fact(Timeout = 90_000)]
    public async Task The_runs_page_and_a_run_page_have_no_serious_accessibility_violations()
    {
        var page = await LoggedInAsync();
        var problems = new List<string>();

        foreach (
            var path in new[] { "/runs", $"/runs/{daemon.Seeded[0].Id}", "/runs?status=bogus" }
        )
        {
            await page.GotoAsync(path);
            var result = await page.RunAxe();
            problems.AddRange(
                result
                    .Violations.Where(v => v.Impact is "serious" or "critical")
                    .Select(v => $"{path}: {v.Id} ({v.Impact}): {v.Help}")
            );
        }

        Assert.Empty(problems);
        await page.Context.CloseAsync();
    }

    private static string Minute(DateTimeOffset at) =>
        at.ToString("yyyy-MM-dd'T'HH':'mm", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<IPage> LoggedInAsync()
    {
        var page = await browser.NewPageAsync(daemon.Url);
        await daemon.LoginAsync(page);
        return page;
    }

    private static async Task<List<string>> RunIdsAsync(IPage page, string path)
    {
        var answer = await page.GotoAsync(path);
        Assert.Equal(200, answer!.Status);
        return await IdsOnPageAsync(page);
    }

    private static async Task<List<string>> IdsOnPageAsync(IPage page) =>
        [
            .. (
                await page.Locator("table.runs a.run-id")
                    .EvaluateAllAsync<string[]>("links => links.map(a => a.title)")
            ),
        ];

    /// <summary>The daemon of this class: tasks to run from the page, a viewer, and 60 seeded runs to filter.</summary>
    public sealed class Daemon : DashboardDaemon, IAsyncLifetime
    {
        public const string ViewerPassword = "viewer-pass-123";

        // Recent (on the minute), so that retention never prunes them while the tests run.
        public static readonly DateTimeOffset SeedBase = new DateTimeOffset(
            DateTime.UtcNow.Ticks / TimeSpan.TicksPerMinute * TimeSpan.TicksPerMinute,
            TimeSpan.Zero
        ).AddHours(-2);

        /// <summary>The seeded runs, newest first (as the page lists them).</summary>
        public IReadOnlyList<RunRecord> Seeded { get; private set; } = [];

        protected override void Configure(JsonObject nanoclaw) =>
            nanoclaw["Dashboard"] = new JsonObject
            {
                ["Users"] = new JsonArray(
                    new JsonObject
                    {
                        ["Name"] = "watcher",
                        ["PasswordHash"] = DashboardCredentials.Hash(ViewerPassword),
                        ["Role"] = DashboardRoles.Viewer,
                    }
                ),
            };

        protected override string Jobs() =>
            new JobsJsonBuilder()
                .Group("main", isMain: true)
                .Group("ops")
                .Group("work")
                .ShellTask("slow", "main", "echo 'first line'; sleep 3; echo 'second line'", Never)
                .ShellTask("sleeper", "ops", "sleep 120", Never)
                .ShellTask(
                    "hostile",
                    "work",
                    "printf '<script>window.__pwned=1</script>\\033[31mred\\033[0m<img src=x onerror=\"window.__pwned=2\">\\n'; sleep 1; echo done",
                    Never
                )
                .ToString();

        private static object Never => new { cron = "0 0 3 1 1 ?" };

        async ValueTask IAsyncLifetime.InitializeAsync()
        {
            await base.InitializeAsync();
            Seeded = await SeedAsync();
        }

        public async Task<string> RunNowAsync(string taskId)
        {
            using var api = AdminHttp.For(Workspace);
            using var body = new StringContent("", System.Text.Encoding.UTF8, "application/json");
            using var answer = await api.PostAsync(
                new Uri($"/api/tasks/{taskId}/trigger", UriKind.Relative),
                body,
                TestContext.Current.CancellationToken
            );
            answer.EnsureSuccessStatusCode();
            var json = await answer.Content.ReadFromJsonAsync<JsonElement>(
                TestContext.Current.CancellationToken
            );
            return json.GetProperty("runId").GetString()!;
        }

        public async Task<RunRecord?> GetAsync(string runId) =>
            await new SqliteRunStore(new SqliteConnectionFactory(Workspace.DatabaseFile)).GetAsync(
                runId,
                TestContext.Current.CancellationToken
            );

        public Task WaitForStatusAsync(string runId, RunStatus status) =>
            Eventually.TrueAsync(
                async () => (await GetAsync(runId))?.Status == status,
                TimeSpan.FromSeconds(30),
                $"run {runId} is {status}"
            );

        public async Task<RunRecord> WaitForEndAsync(string runId)
        {
            await Eventually.TrueAsync(
                async () =>
                    (await GetAsync(runId))?.Status is { } s
                    && s is not (RunStatus.Running or RunStatus.Queued),
                TimeSpan.FromSeconds(30),
                $"run {runId} has ended"
            );
            return (await GetAsync(runId))!;
        }

        private async Task<IReadOnlyList<RunRecord>> SeedAsync()
        {
            var store = new SqliteRunStore(new SqliteConnectionFactory(Workspace.DatabaseFile));
            var runs = new List<RunRecord>();
            for (var i = 0; i < 60; i++)
            {
                var run = new RunRecord
                {
                    Id = $"seed{i:D3}",
                    TaskId = i % 3 == 0 ? "seeded-a" : "seeded-b",
                    Group = "seeded",
                    Mode = ExecutionMode.Host,
                    Trigger = i % 4 == 1 ? RunTrigger.Retry : RunTrigger.Schedule,
                    Status = i % 5 == 2 ? RunStatus.Failed : RunStatus.Succeeded,
                    ExitCode = i % 5 == 2 ? 1 : 0,
                    ScheduledAt = SeedBase.AddMinutes(-i),
                    StartedAt = SeedBase.AddMinutes(-i),
                    FinishedAt = SeedBase.AddMinutes(-i).AddSeconds(2),
                    DurationMs = 2000,
                    Stdout = "seeded output\n",
                    Node = "seed-node",
                };
                await store.InsertAsync(run, TestContext.Current.CancellationToken);
                runs.Add(run);
            }
            SqliteConnection.ClearAllPools();
            return runs;
        }
    }
}
