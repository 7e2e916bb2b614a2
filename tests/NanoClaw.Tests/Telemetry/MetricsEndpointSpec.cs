using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using NanoClaw.Runs;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Telemetry;

public sealed class MetricsEndpointSpec
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 120_000)]
    public async Task A_scrape_counts_the_runs_the_store_recorded_by_group_mode_and_status()
    {
        using var workspace = new Workspace();
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("main", isMain: true)
                .Group("ops")
                .ShellTask("fine", "main", "echo ok")
                .ShellTask("broken", "ops", "exit 3")
                .ToString()
        );
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();

        foreach (var task in new[] { "fine", "fine", "broken", "fine", "broken" })
            await workspace.CliAsync("trigger", task, "--wait");
        var exec = await workspace.CliAsync("exec", "--group", "ops", "--wait", "--", "true");
        using var http = AdminHttp.For(workspace);
        var scrape = await http.GetAsync("/metrics", TestContext.Current.CancellationToken);
        var text = await scrape.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var samples = PrometheusText.Parse(text);
        var runs = await workspace.RunsAsync();

        Assert.Equal(0, exec.ExitCode);
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.StartsWith("text/plain", scrape.Content.Headers.ContentType?.MediaType);
        Assert.Equal(6, runs.Count);
        var expected = runs.GroupBy(r => (r.Group, Status: RunStatusNames.ToName(r.Status)))
            .ToDictionary(g => g.Key, g => (double)g.Count());
        var finished = samples
            .Where(s => s.Name == "nanoclaw_runs_finished_total")
            .ToDictionary(s => (s.Label("group")!, s.Label("status")!), s => s.Value);
        Assert.Equal(expected.OrderBy(e => e.Key).ToList(), finished.OrderBy(e => e.Key).ToList());
        Assert.All(
            samples.Where(s =>
                s.Name.StartsWith("nanoclaw_runs_", StringComparison.Ordinal)
                && s.Label("mode") is not null
            ),
            s => Assert.Equal("host", s.Label("mode"))
        );
        Assert.Equal(
            runs.Count(r => r.Trigger == RunTrigger.Manual),
            Sum(samples, "nanoclaw_runs_started_total", "trigger", "manual")
        );
        Assert.Equal(3, Sum(samples, "nanoclaw_run_duration_seconds_count", "group", "main"));
        Assert.Equal(3, Sum(samples, "nanoclaw_run_duration_seconds_count", "group", "ops"));
        Assert.Equal(6, Sum(samples, "nanoclaw_firing_lateness_seconds_count", null, null));
        Assert.True(
            Sum(samples, "nanoclaw_run_duration_seconds_sum", null, null) > 0,
            "the durations add up to nothing"
        );
        // Gauges report every group, a quiet one as 0 (a first reading of the store that came
        // too late for its scrape shows in the next).
        await Eventually.TrueAsync(
            async () =>
            {
                samples = await ScrapeAsync(http);
                return samples.Any(s => s.Name == "nanoclaw_queue_length");
            },
            Timeout,
            "no scrape ever reported a queue length"
        );
        foreach (var name in new[] { "nanoclaw_queue_length", "nanoclaw_runs_running" })
            Assert.Equal(
                ["main:0", "ops:0"],
                samples
                    .Where(s => s.Name == name)
                    .Select(s => $"{s.Label("group")}:{s.Value}")
                    .Order()
            );
        // Quartz's own meter is there, without a label per trigger or firing.
        Assert.Contains(
            samples,
            s => s.Name.StartsWith("quartz_job_execution", StringComparison.Ordinal)
        );
        Assert.DoesNotContain(samples, s => s.Labels.ContainsKey("quartz_trigger_name"));
        Assert.DoesNotContain(samples, s => s.Labels.ContainsKey("quartz_fire_instance_id"));
        // No run id or task id is ever a label value.
        var ids = runs.Select(r => r.Id).Concat(["fine", "broken"]).ToHashSet();
        Assert.DoesNotContain(
            samples,
            s => s.Labels.Values.Any(v => ids.Any(id => v.Contains(id, StringComparison.Ordinal)))
        );
    }

    [Fact(Timeout = 120_000)]
    public async Task The_queue_and_running_gauges_show_a_run_waiting_behind_its_groups_run()
    {
        using var workspace = new Workspace();
        var started = workspace.Combine("busy-started");
        var release = workspace.Combine("release");
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("main", isMain: true)
                .ShellTask(
                    "busy",
                    "main",
                    $"echo started > {started}; while [ ! -e {release} ]; do sleep 0.1; done"
                )
                .ShellTask("next", "main", "true")
                .ToString()
        );
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();
        using var http = AdminHttp.For(workspace);

        var busy = await workspace.CliAsync("trigger", "busy");
        Assert.True(busy.ExitCode == 0, busy.Stderr);
        await Eventually.FileWrittenAsync(started, Timeout);
        var next = await workspace.CliAsync("trigger", "next");
        Assert.True(next.ExitCode == 0, next.Stderr);
        IReadOnlyList<PrometheusSample> samples = [];
        await Eventually.TrueAsync(
            async () =>
            {
                samples = await ScrapeAsync(http);
                return Value(samples, "nanoclaw_queue_length", "main") == 1;
            },
            Timeout,
            "the queued run never showed in nanoclaw_queue_length"
        );

        Assert.Equal(1, Value(samples, "nanoclaw_runs_running", "main"));
        await File.WriteAllTextAsync(release, "", TestContext.Current.CancellationToken);
        await workspace.WaitForRunsAsync("next", 1, Timeout, r => r.Status == RunStatus.Succeeded);
        await Eventually.TrueAsync(
            async () =>
            {
                samples = await ScrapeAsync(http);
                return Value(samples, "nanoclaw_queue_length", "main") == 0
                    && Value(samples, "nanoclaw_runs_running", "main") == 0;
            },
            Timeout,
            "the gauges never went back to 0"
        );
    }

    [Fact(Timeout = 120_000)]
    public async Task Metrics_need_the_admin_token_and_an_allowed_host()
    {
        using var workspace = new Workspace();
        workspace.WriteJobs(new JobsJsonBuilder().Group("main", isMain: true).ToString());
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();
        var ct = TestContext.Current.CancellationToken;
        using var anonymous = new HttpClient { BaseAddress = new Uri(workspace.AdminUrl) };
        using var wrong = new HttpClient { BaseAddress = new Uri(workspace.AdminUrl) };
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer",
            new string('x', 64)
        );
        using var admin = AdminHttp.For(workspace);

        var noToken = await anonymous.GetAsync("/metrics", ct);
        var badToken = await wrong.GetAsync("/metrics", ct);
        var otherSpelling = await anonymous.GetAsync("/METRICS", ct);
        using var rebound = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        rebound.Headers.Host = "evil.example";
        var foreignHost = await admin.SendAsync(rebound, ct);
        var withToken = await admin.GetAsync("/metrics", ct);

        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, badToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, otherSpelling.StatusCode);
        Assert.Equal(HttpStatusCode.MisdirectedRequest, foreignHost.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
        Assert.DoesNotContain(
            "nanoclaw_",
            await noToken.Content.ReadAsStringAsync(ct),
            StringComparison.Ordinal
        );
    }

    [Fact(Timeout = 120_000)]
    public async Task Metrics_Public_opens_the_scrape_and_nothing_else()
    {
        using var workspace = new Workspace(s =>
            s["Metrics"] = new JsonObject { ["Public"] = true }
        );
        workspace.WriteJobs(new JobsJsonBuilder().Group("main", isMain: true).ToString());
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();
        var ct = TestContext.Current.CancellationToken;
        using var anonymous = new HttpClient { BaseAddress = new Uri(workspace.AdminUrl) };

        var scrape = await anonymous.GetAsync("/metrics", ct);
        IReadOnlyList<PrometheusSample> samples = [];
        // The first collection may find the store still busy with start-up and report no group yet.
        await Eventually.TrueAsync(
            async () =>
            {
                samples = PrometheusText.Parse(await anonymous.GetStringAsync("/metrics", ct));
                return samples.Any(s => s.Name == "nanoclaw_queue_length");
            },
            Timeout,
            "no scrape ever reported a queue length"
        );
        var api = await anonymous.GetAsync("/api/tasks", ct);
        using var rebound = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        rebound.Headers.Host = "evil.example";
        var foreignHost = await anonymous.SendAsync(rebound, ct);

        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.Contains(
            samples,
            s => s.Name == "nanoclaw_queue_length" && s.Label("group") == "main"
        );
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(HttpStatusCode.MisdirectedRequest, foreignHost.StatusCode);
    }

    private static async Task<IReadOnlyList<PrometheusSample>> ScrapeAsync(HttpClient http)
    {
        var text = await http.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
        return PrometheusText.Parse(text);
    }

    private static double? Value(
        IReadOnlyList<PrometheusSample> samples,
        string name,
        string group
    ) => samples.SingleOrDefault(s => s.Name == name && s.Label("group") == group)?.Value;

    private static double Sum(
        IReadOnlyList<PrometheusSample> samples,
        string name,
        string? label,
        string? value
    ) =>
        samples
            .Where(s => s.Name == name && (label is null || s.Label(label) == value))
            .Sum(s => s.Value);
}
