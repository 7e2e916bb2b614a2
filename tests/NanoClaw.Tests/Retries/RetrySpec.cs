using NanoClaw.Runs;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Retries;

public sealed class RetrySpec
{
    private static readonly string[] TimedOutOnly = ["timed_out"];

    // An hourly interval fires once at start and not again within a test: every further run is a retry.
    private static string Jobs(string script, object retry, object? more = null) =>
        new JobsJsonBuilder()
            .Group("main", isMain: true)
            .ShellTask("flaky", "main", script, Merge(new { interval = "01:00:00", retry }, more))
            .ToString();

    private static async Task PostAsync(Workspace workspace, string path)
    {
        using var http = AdminHttp.For(workspace);
        using var body = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(
            new Uri(path, UriKind.Relative),
            body,
            TestContext.Current.CancellationToken
        );
        Assert.True(
            response.IsSuccessStatusCode,
            $"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}"
        );
    }

    private static Dictionary<string, object?> Merge(object first, object? second)
    {
        var merged = new Dictionary<string, object?>();
        foreach (var part in new[] { first, second })
        {
            if (part is null)
                continue;
            foreach (var property in part.GetType().GetProperties())
                merged[property.Name] = property.GetValue(part);
        }
        return merged;
    }

    [Fact(Timeout = 90_000)]
    public async Task A_failing_task_is_retried_up_to_maxAttempts_with_backoff_between_attempts()
    {
        using var workspace = new Workspace();
        workspace.WriteJobs(
            Jobs(
                "echo failing; exit 3",
                new
                {
                    maxAttempts = 3,
                    delay = "00:00:01",
                    backoff = 2.0,
                    maxDelay = "00:01:00",
                }
            )
        );

        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();
        await workspace.WaitForRunsAsync("flaky", 3, TimeSpan.FromSeconds(45));
        // Room for a fourth attempt, which must not come: the third was the last.
        await Task.Delay(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

        var runs = (await workspace.RunsAsync("flaky")).OrderBy(r => r.Attempt).ToList();
        Assert.Equal([1, 2, 3], runs.Select(r => r.Attempt));
        Assert.All(runs, r => Assert.Equal(RunStatus.Failed, r.Status));
        Assert.Equal(RunTrigger.Schedule, runs[0].Trigger);
        Assert.Null(runs[0].RetryOf);
        Assert.All(runs.Skip(1), r => Assert.Equal(RunTrigger.Retry, r.Trigger));
        Assert.All(runs.Skip(1), r => Assert.Equal(runs[0].Id, r.RetryOf));
        // delay 1 s, then 2 s (backoff 2); the upper bound allows for a loaded machine.
        var firstGap = runs[1].StartedAt - runs[0].FinishedAt!.Value;
        var secondGap = runs[2].StartedAt - runs[1].FinishedAt!.Value;
        Assert.InRange(firstGap.TotalSeconds, 0.9, 6);
        Assert.InRange(secondGap.TotalSeconds, 1.9, 7);
    }

    [Fact(Timeout = 90_000)]
    public async Task A_run_that_succeeds_on_its_second_attempt_ends_its_retries()
    {
        using var workspace = new Workspace();
        // Fails the first time (no marker yet), succeeds once the marker exists.
        workspace.WriteJobs(
            Jobs(
                "if [ -e tried ]; then echo ok; else touch tried; exit 1; fi",
                new { maxAttempts = 5, delay = "00:00:01" }
            )
        );

        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();
        await workspace.WaitForRunsAsync(
            "flaky",
            1,
            TimeSpan.FromSeconds(45),
            r => r.Status == RunStatus.Succeeded
        );
        await Task.Delay(TimeSpan.FromSeconds(4), TestContext.Current.CancellationToken);

        var runs = (await workspace.RunsAsync("flaky")).OrderBy(r => r.Attempt).ToList();
        Assert.Equal(2, runs.Count);
        Assert.Equal(RunStatus.Failed, runs[0].Status);
        Assert.Equal(RunStatus.Succeeded, runs[1].Status);
        Assert.Equal(2, runs[1].Attempt);
        Assert.Equal(runs[0].Id, runs[1].RetryOf);
        Assert.Equal(RunTrigger.Retry, runs[1].Trigger);
        var json = await workspace.CliAsync("run", runs[1].Id, "--json");
        Assert.Contains("\"attempt\": 2", json.Stdout, StringComparison.Ordinal);
        Assert.Contains($"\"retryOf\": \"{runs[0].Id}\"", json.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"trigger\": \"retry\"", json.Stdout, StringComparison.Ordinal);
    }

    [Fact(Timeout = 90_000)]
    public async Task An_agent_that_answers_retry_false_is_not_retried()
    {
        using var workspace = new Workspace();
        workspace.WriteJobs(
            Jobs(
                """echo '---NANOCLAW_OUTPUT_START---{"status":"error","error":"bad input","retry":false}---NANOCLAW_OUTPUT_END---'""",
                new { maxAttempts = 3, delay = "00:00:01" }
            )
        );

        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();
        await workspace.WaitForRunsAsync("flaky", 1, TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(4), TestContext.Current.CancellationToken);

        var run = Assert.Single(await workspace.RunsAsync("flaky"));
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Contains("asked for no retry", daemon.Output, StringComparison.Ordinal);
    }

    [Fact(Timeout = 90_000)]
    public async Task Only_the_outcomes_listed_in_on_are_retried()
    {
        using var workspace = new Workspace();
        workspace.WriteJobs(
            Jobs(
                "exit 1",
                new
                {
                    maxAttempts = 3,
                    delay = "00:00:01",
                    on = TimedOutOnly,
                }
            )
        );

        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();
        await workspace.WaitForRunsAsync("flaky", 1, TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(4), TestContext.Current.CancellationToken);

        Assert.Single(await workspace.RunsAsync("flaky"));
    }

    [Fact(Timeout = 90_000)]
    public async Task A_timed_out_run_is_retried_and_the_group_policy_applies_when_the_task_has_none()
    {
        using var workspace = new Workspace();
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group(
                    "main",
                    isMain: true,
                    extra: new { retry = new { maxAttempts = 2, delay = "00:00:01" } }
                )
                .ShellTask(
                    "slow",
                    "main",
                    "sleep 30",
                    new { interval = "01:00:00", timeout = "00:00:01" }
                )
                .ToString()
        );

        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();
        var runs = await workspace.WaitForRunsAsync(
            "slow",
            2,
            TimeSpan.FromSeconds(45),
            r => r.Status == RunStatus.TimedOut
        );

        Assert.Equal([1, 2], runs.Select(r => r.Attempt).Order());
    }

    [Fact(Timeout = 120_000)]
    public async Task A_pending_retry_survives_a_daemon_restart()
    {
        using var workspace = new Workspace();
        // Long enough for the first daemon to stop before the retry is due.
        workspace.WriteJobs(Jobs("exit 1", new { maxAttempts = 2, delay = "00:00:12" }));

        string firstId;
        await using (var daemon = workspace.StartDaemon())
        {
            await daemon.WaitUntilStartedAsync();
            firstId = (await workspace.WaitForRunsAsync("flaky", 1, TimeSpan.FromSeconds(30)))[
                0
            ].Id;
            Assert.Equal(0, await daemon.TerminateAsync(TimeSpan.FromSeconds(30)));
        }
        Assert.Single(await workspace.RunsAsync("flaky"));

        await using (var daemon = workspace.StartDaemon())
        {
            await daemon.WaitUntilStartedAsync();
            var runs = await workspace.WaitForRunsAsync("flaky", 2, TimeSpan.FromSeconds(45));
            var retry = runs.Single(r => r.Attempt == 2);
            Assert.Equal(firstId, retry.RetryOf);
            Assert.Equal(RunTrigger.Retry, retry.Trigger);
        }
    }

    [Theory(Timeout = 90_000)]
    [InlineData("task")]
    [InlineData("group")]
    public async Task Pausing_the_task_or_its_group_drops_its_pending_retry(string what)
    {
        using var workspace = new Workspace();
        // Long enough to pause and resume before the retry is due, on a loaded machine.
        workspace.WriteJobs(Jobs("exit 1", new { maxAttempts = 3, delay = "00:00:15" }));

        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();
        var first = (
            await workspace.WaitForRunsAsync(
                "flaky",
                1,
                TimeSpan.FromSeconds(30),
                r => r.Status == RunStatus.Failed
            )
        )[0];
        // The admin API the CLI calls, directly: starting the CLI takes seconds on a loaded machine.
        var path = what == "task" ? "/api/tasks/flaky" : "/api/groups/main";
        await PostAsync(workspace, path + "/pause");
        await PostAsync(workspace, path + "/resume");
        Assert.True(
            DateTimeOffset.UtcNow < first.FinishedAt!.Value.AddSeconds(15),
            "the pause came after the retry was due: the test proves nothing"
        );
        // Past the retry's due time: a retry merely held by the pause would run now.
        var pastDue = first.FinishedAt!.Value.AddSeconds(19) - DateTimeOffset.UtcNow;
        if (pastDue > TimeSpan.Zero)
            await Task.Delay(pastDue, TestContext.Current.CancellationToken);

        Assert.Single(await workspace.RunsAsync("flaky"));
        Assert.Contains("Pending retry", daemon.Output, StringComparison.Ordinal);
    }

    [Fact(Timeout = 90_000)]
    public async Task A_manual_run_of_the_task_supersedes_its_pending_retry()
    {
        using var workspace = new Workspace();
        workspace.WriteJobs(Jobs("exit 1", new { maxAttempts = 2, delay = "00:00:15" }));

        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();
        await workspace.WaitForRunsAsync("flaky", 1, TimeSpan.FromSeconds(30));
        await PostAsync(workspace, "/api/tasks/flaky/trigger");
        await workspace.WaitForRunsAsync("flaky", 3, TimeSpan.FromSeconds(45));
        // Past the first firing's retry's due time, had it been kept.
        await Task.Delay(TimeSpan.FromSeconds(4), TestContext.Current.CancellationToken);

        // The scheduled firing, the manual one and the manual one's retry: the first firing's retry was dropped.
        var runs = await workspace.RunsAsync("flaky");
        Assert.Equal(3, runs.Count);
        var manual = Assert.Single(runs, r => r.Trigger == RunTrigger.Manual);
        var retry = Assert.Single(runs, r => r.Trigger == RunTrigger.Retry);
        Assert.Equal(manual.Id, retry.RetryOf);
    }

    [Fact(Timeout = 90_000)]
    public async Task An_admin_can_cancel_a_pending_retry_by_its_run_id()
    {
        using var workspace = new Workspace();
        workspace.WriteJobs(Jobs("exit 1", new { maxAttempts = 2, delay = "00:00:15" }));

        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();
        await daemon.WaitForOutputAsync("attempt 2 of 2 is run ", TimeSpan.FromSeconds(30));
        var retryId = System
            .Text.RegularExpressions.Regex.Match(
                daemon.Output,
                "attempt 2 of 2 is run ([0-9a-f]{32})"
            )
            .Groups[1]
            .Value;

        await PostAsync(workspace, $"/api/runs/{retryId}/cancel");

        var first = Assert.Single(await workspace.RunsAsync("flaky"));
        var pastDue = first.FinishedAt!.Value.AddSeconds(18) - DateTimeOffset.UtcNow;
        if (pastDue > TimeSpan.Zero)
            await Task.Delay(pastDue, TestContext.Current.CancellationToken);
        Assert.Single(await workspace.RunsAsync("flaky"));
    }
}
