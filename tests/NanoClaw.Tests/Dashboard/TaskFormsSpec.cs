using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using NanoClaw.Tests.Dashboard.Support;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Dashboard;

/// <summary>
/// What the CLI does, from the browser: add and edit tasks, run a command, reload the jobs file;
/// and none of it for a viewer.
/// </summary>
[Collection(DashboardFormsGroup.Name)]
public sealed class TaskFormsSpec(DashboardBrowser browser, DashboardUsersDaemon daemon)
    : IClassFixture<DashboardUsersDaemon>
{
    [Fact(Timeout = 90_000)]
    public async Task A_task_added_with_the_form_exists_and_runs_and_an_edit_changes_its_command_and_schedule()
    {
        var page = await LoggedInAsync();
        await page.GotoAsync("/tasks");
        await page.GetByRole(AriaRole.Link, new() { Name = "New task" }).ClickAsync();
        await page.GetByLabel("Id", new() { Exact = true }).FillAsync("formed");
        await page.GetByLabel("Group").SelectOptionAsync("main");
        await page.GetByLabel("Cron").FillAsync("0 0 3 * * ?");
        // One argument a line: the spaces stay inside their argument.
        await page.GetByLabel("Command")
            .FillAsync("sh\n-c\necho \"$0 made by a form\"\ntask formed\n");
        await page.GetByLabel("Description").FillAsync("from the browser");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add task" }).ClickAsync();

        await page.WaitForURLAsync(u => u.EndsWith("/tasks/formed", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Task formed");
        Assert.Equal("api", (string?)(await TaskAsync("formed"))["source"]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Run now task formed" }).ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("/runs/", StringComparison.Ordinal));
        await Assertions
            .Expect(page.Locator("#run-output"))
            .ToContainTextAsync("task formed made by a form", new() { Timeout = 30_000 });

        await page.GotoAsync("/tasks/formed");
        var firstBefore = await page.Locator("ol.times time").First.GetAttributeAsync("datetime");
        Assert.Contains("T03:00:00Z", firstBefore, StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit task formed" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Cron")).ToHaveValueAsync("0 0 3 * * ?");
        await page.GetByLabel("Cron").FillAsync("0 45 5 * * ?");
        await page.GetByLabel("Command").FillAsync("echo\nedited");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await page.WaitForURLAsync(u => u.EndsWith("/tasks/formed", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("dd code").Nth(1)).ToHaveTextAsync("echo edited");
        var times = await page.Locator("ol.times time")
            .EvaluateAllAsync<string[]>("ts => ts.map(t => t.getAttribute('datetime'))");
        Assert.Equal(10, times.Length);
        Assert.All(times, t => Assert.EndsWith("T05:45:00Z", t, StringComparison.Ordinal));
        var stored = await TaskAsync("formed");
        Assert.Equal("from the browser", (string?)stored["description"]);
        Assert.Equal("normal", (string?)stored["state"]);
        await page.Context.CloseAsync();
    }

    [Fact(Timeout = 90_000)]
    public async Task A_bad_edit_names_the_field_keeps_the_input_and_changes_nothing_and_a_jobs_file_task_cannot_be_edited()
    {
        await CreateAsync("kept", "0 0 3 * * ?");
        var before = (await TaskAsync("kept"))["definition"]!.ToJsonString();
        var page = await LoggedInAsync(bypassCsp: true);

        await page.GotoAsync("/tasks/kept/edit");
        await page.GetByLabel("Cron").FillAsync("0 99 * * * ?");
        await page.GetByLabel("Timeout").FillAsync("forever");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Assertions
            .Expect(page.Locator("#form-errors"))
            .ToContainTextAsync("Nothing was saved");
        await Assertions.Expect(page.Locator("#e-cron")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#e-timeout")).ToContainTextAsync("'timeout'");
        await Assertions.Expect(page.GetByLabel("Cron")).ToHaveValueAsync("0 99 * * * ?");
        await Assertions
            .Expect(page.GetByLabel("Cron"))
            .ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Equal(before, (await TaskAsync("kept"))["definition"]!.ToJsonString());
        var axe = await page.RunAxe();
        Assert.Empty(
            axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => v.Id)
        );

        // A form opened before someone else's change does not undo it.
        await page.GotoAsync("/tasks/kept/edit");
        using (var api = AdminHttp.For(daemon.Workspace))
        using (
            var change = new StringContent(
                "{\"description\": \"by the api\"}",
                Encoding.UTF8,
                "application/json"
            )
        )
        using (
            var request = new HttpRequestMessage(HttpMethod.Patch, "/api/tasks/kept")
            {
                Content = change,
            }
        )
            Assert.True(
                (
                    await api.SendAsync(request, TestContext.Current.CancellationToken)
                ).IsSuccessStatusCode
            );
        await page.GetByLabel("Cron").FillAsync("0 0 4 * * ?");
        var stale = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync(),
            r => r.Request.Method == "POST"
        );
        Assert.Equal(409, stale.Status);
        await Assertions
            .Expect(page.Locator("#form-errors"))
            .ToContainTextAsync("changed since this form was opened");
        var kept = await TaskAsync("kept");
        Assert.Equal("by the api", (string?)kept["description"]);
        Assert.Equal("0 0 3 * * ?", (string?)kept["definition"]!["cron"]);

        // An untouched prompt that starts with a line break (which a browser drops) keeps it.
        using (var api = AdminHttp.For(daemon.Workspace))
        using (
            var prompted = new StringContent(
                "{\"id\": \"prompted\", \"group\": \"main\", \"cron\": \"0 0 3 * * ?\", \"prompt\": \"\\nsecond line\"}",
                Encoding.UTF8,
                "application/json"
            )
        )
            Assert.True(
                (
                    await api.PostAsync(
                        "/api/tasks",
                        prompted,
                        TestContext.Current.CancellationToken
                    )
                ).IsSuccessStatusCode
            );
        await page.GotoAsync("/tasks/prompted/edit");
        await page.GetByLabel("Description").FillAsync("prompt untouched");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await page.WaitForURLAsync(u => u.EndsWith("/tasks/prompted", StringComparison.Ordinal));
        var prompt = await TaskAsync("prompted");
        Assert.Equal("prompt untouched", (string?)prompt["description"]);
        Assert.Equal("\nsecond line", (string?)prompt["definition"]!["prompt"]);

        await page.GotoAsync("/tasks/nightly");
        await Assertions
            .Expect(page.GetByRole(AriaRole.Link, new() { Name = "Edit task nightly" }))
            .ToHaveCountAsync(0);
        var form = await page.GotoAsync("/tasks/nightly/edit");
        Assert.Equal(409, form!.Status);
        await Assertions.Expect(page.Locator("p.error")).ToContainTextAsync("jobs file");

        using var http = new DashboardHttp(daemon.Url);
        await http.LoginAsync(daemon.Token);
        var token = await http.PageTokenAsync("/tasks");
        var post = await http.PostAsync("/tasks/nightly/edit", token, ("cron", "0 1 * * *"));
        Assert.Equal(HttpStatusCode.Conflict, post.StatusCode);
        Assert.Contains(
            "0 0 3 * * ?",
            (await TaskAsync("nightly"))["definition"]!.ToJsonString(),
            StringComparison.Ordinal
        );
        await page.Context.CloseAsync();
    }

    [Fact(Timeout = 90_000)]
    public async Task Exec_shows_the_run_with_its_output_and_a_reload_of_a_bad_jobs_file_lists_every_problem_and_changes_nothing()
    {
        var page = await LoggedInAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Exec" }).ClickAsync();
        await page.GetByLabel("Group").SelectOptionAsync("main");
        await page.GetByLabel("Command").FillAsync("echo\nran from exec; not a shell");
        await page.GetByRole(AriaRole.Button, new() { Name = "Run" }).ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("/runs/", StringComparison.Ordinal));
        await Assertions
            .Expect(page.Locator("#run-output"))
            .ToContainTextAsync("ran from exec; not a shell", new() { Timeout = 30_000 });

        await page.GotoAsync("/exec");
        await page.GetByLabel("Command").FillAsync("true");
        await page.GetByLabel("Timeout").FillAsync("00:00:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Run" }).ClickAsync();
        await Assertions.Expect(page.Locator("#e-timeout")).ToContainTextAsync("'timeout'");
        await Assertions.Expect(page.GetByLabel("Command")).ToHaveValueAsync("true");

        var jobs = File.ReadAllText(daemon.Workspace.Combine("jobs.json"));
        var tasksBefore = await TaskIdsAsync();
        try
        {
            daemon.Workspace.WriteJobs(
                new JobsJsonBuilder()
                    .Group("main", isMain: true)
                    .ShellTask("nightly", "main", "echo nightly", new { cron = "not a cron" })
                    .ShellTask("extra", "nowhere", "echo extra")
                    .ToString()
            );
            await page.GotoAsync("/tasks");
            await page.GetByRole(AriaRole.Button, new() { Name = "Reload the jobs file" })
                .ClickAsync();

            await Assertions
                .Expect(page.Locator("#reload-problems"))
                .ToContainTextAsync("task 'nightly'");
            await Assertions
                .Expect(page.Locator("#reload-problems"))
                .ToContainTextAsync("unknown group 'nowhere'");
            await Assertions
                .Expect(page.Locator("[role=alert]"))
                .ToContainTextAsync("nothing was changed");
            Assert.Equal(tasksBefore, await TaskIdsAsync());
        }
        finally
        {
            daemon.Workspace.WriteJobs(jobs);
        }
        await page.GotoAsync("/tasks");
        await page.GetByRole(AriaRole.Button, new() { Name = "Reload the jobs file" }).ClickAsync();
        await Assertions.Expect(page.Locator("#reload-summary")).ToContainTextAsync("was applied");
        await page.Context.CloseAsync();
    }

    [Fact(Timeout = 60_000)]
    public async Task Without_a_session_or_as_a_viewer_none_of_these_forms_is_shown_or_accepted()
    {
        var ct = TestContext.Current.CancellationToken;
        await CreateAsync("viewed", "0 0 3 * * ?");
        var before = (await TaskAsync("viewed"))["definition"]!.ToJsonString();
        using (var anonymous = new DashboardHttp(daemon.Url))
        {
            foreach (var path in new[] { "/tasks/new", "/tasks/viewed/edit", "/exec" })
            {
                var page = await anonymous.Client.GetAsync(path, ct);
                Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
                Assert.Contains(
                    "/login?returnUrl=",
                    page.Headers.Location!.ToString(),
                    StringComparison.Ordinal
                );
            }
            foreach (var path in new[] { "/tasks/new", "/tasks/viewed/edit", "/exec", "/reload" })
                Assert.Equal(
                    HttpStatusCode.Unauthorized,
                    (await anonymous.PostAsync(path, null, ("command", "true"))).StatusCode
                );
        }
        using var viewer = new DashboardHttp(daemon.Url);
        await viewer.LoginAsync(
            null,
            DashboardUsersDaemon.ViewerName,
            DashboardUsersDaemon.Password
        );

        foreach (var path in new[] { "/", "/tasks", "/tasks/viewed" })
        {
            var html = await viewer.Client.GetStringAsync(path, ct);
            Assert.DoesNotContain("href=\"/tasks/new\"", html, StringComparison.Ordinal);
            Assert.DoesNotContain("href=\"/exec\"", html, StringComparison.Ordinal);
            Assert.DoesNotContain("/edit\"", html, StringComparison.Ordinal);
            Assert.DoesNotContain("action=\"/reload\"", html, StringComparison.Ordinal);
        }
        foreach (var path in new[] { "/tasks/new", "/tasks/viewed/edit", "/exec" })
            Assert.Equal(
                HttpStatusCode.Forbidden,
                (await viewer.Client.GetAsync(path, ct)).StatusCode
            );
        var token = await viewer.PageTokenAsync("/tasks");
        (string Path, (string, string)[] Fields)[] posts =
        [
            ("/tasks/new", [("id", "sneaky"), ("group", "main"), ("command", "true")]),
            ("/tasks/viewed/edit", [("command", "echo\nchanged")]),
            (
                "/exec",
                [
                    ("group", "main"),
                    ("command", "touch\n" + daemon.Workspace.Combine("viewer-was-here")),
                ]
            ),
            ("/reload", []),
        ];
        foreach (var (path, fields) in posts)
            Assert.Equal(
                HttpStatusCode.Forbidden,
                (await viewer.PostAsync(path, token, fields)).StatusCode
            );
        Assert.Equal(before, (await TaskAsync("viewed"))["definition"]!.ToJsonString());
        Assert.DoesNotContain("sneaky", await TaskIdsAsync());
        await Task.Delay(TimeSpan.FromSeconds(1), ct);
        Assert.False(File.Exists(daemon.Workspace.Combine("viewer-was-here")));

        // Without the form's token an operator's post is refused too.
        using var operatorUser = new DashboardHttp(daemon.Url);
        await operatorUser.LoginAsync(daemon.Token);
        var forged = await operatorUser.PostAsync(
            "/tasks/new",
            null,
            ("id", "forged"),
            ("group", "main"),
            ("command", "true")
        );
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.DoesNotContain("forged", await TaskIdsAsync());
    }

    private async Task<IPage> LoggedInAsync(bool bypassCsp = false)
    {
        var page = await browser.NewPageAsync(daemon.Url, bypassCsp: bypassCsp);
        await daemon.LoginAsync(page);
        return page;
    }

    private async Task CreateAsync(string id, string cron)
    {
        var ct = TestContext.Current.CancellationToken;
        using var api = AdminHttp.For(daemon.Workspace);
        var body = new JsonObject
        {
            ["id"] = id,
            ["group"] = "main",
            ["cron"] = cron,
            ["command"] = new JsonArray("echo", id),
        };
        using var content = new StringContent(
            body.ToJsonString(),
            Encoding.UTF8,
            "application/json"
        );
        var answer = await api.PostAsync("/api/tasks", content, ct);
        Assert.True(answer.IsSuccessStatusCode, await answer.Content.ReadAsStringAsync(ct));
    }

    private async Task<JsonObject> TaskAsync(string id)
    {
        using var api = AdminHttp.For(daemon.Workspace);
        return JsonNode
            .Parse(
                await api.GetStringAsync($"/api/tasks/{id}", TestContext.Current.CancellationToken)
            )!
            .AsObject();
    }

    private async Task<string> TaskIdsAsync()
    {
        using var api = AdminHttp.For(daemon.Workspace);
        var tasks = JsonNode
            .Parse(await api.GetStringAsync("/api/tasks", TestContext.Current.CancellationToken))!
            .AsArray();
        return string.Join(",", tasks.Select(t => (string?)t!["id"]).Order(StringComparer.Ordinal));
    }
}
