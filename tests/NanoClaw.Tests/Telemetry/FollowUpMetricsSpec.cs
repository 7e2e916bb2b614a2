using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Telemetry;

/// <summary>What follows a run shows in <c>/metrics</c>: the retries it scheduled and the notifications it delivered.</summary>
public sealed class FollowUpMetricsSpec
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly string[] RunFailed = ["run.failed"];

    [Fact(Timeout = 150_000)]
    public async Task A_scrape_counts_scheduled_retries_and_delivered_notifications()
    {
        using var workspace = new Workspace();
        var received = workspace.Combine("received");
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("main", isMain: true)
                .ShellTask(
                    "flaky",
                    "main",
                    "exit 3",
                    new
                    {
                        retry = new
                        {
                            maxAttempts = 3,
                            delay = "00:00:01",
                            backoff = 1.0,
                        },
                        notify = new[]
                        {
                            new
                            {
                                command = new[]
                                {
                                    "sh",
                                    "-c",
                                    $"cat >> '{received}'; echo >> '{received}'",
                                },
                                events = RunFailed,
                            },
                        },
                    }
                )
                .ToString()
        );
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();

        var trigger = await workspace.CliAsync("trigger", "flaky");
        Assert.True(trigger.ExitCode == 0, trigger + daemon.Output);
        await workspace.WaitForRunsAsync("flaky", 3, Timeout);
        await Eventually.TrueAsync(
            () => File.Exists(received) && File.ReadAllText(received).Length > 0,
            Timeout,
            "the command target never received the event"
        );

        using var http = AdminHttp.For(workspace);
        IReadOnlyList<PrometheusSample> samples = [];
        await Eventually.TrueAsync(
            async () =>
            {
                samples = PrometheusText.Parse(
                    await http.GetStringAsync("/metrics", TestContext.Current.CancellationToken)
                );
                return Sum(
                        samples,
                        "nanoclaw_notification_deliveries_total",
                        "outcome",
                        "delivered"
                    ) >= 1;
            },
            Timeout,
            "no delivered notification was ever counted"
        );
        // Attempts 2 and 3 were scheduled; the third failure was the last attempt.
        Assert.Equal(2, Sum(samples, "nanoclaw_retries_scheduled_total", "group", "main"));
        Assert.Equal(2, Sum(samples, "nanoclaw_retries_scheduled_total", "status", "failed"));
        Assert.Equal(
            1,
            Sum(samples, "nanoclaw_notification_deliveries_total", "target", "command")
        );
        Assert.Equal(
            1,
            Sum(samples, "nanoclaw_notification_deliveries_total", "event", "run.failed")
        );
    }

    private static double Sum(
        IReadOnlyList<PrometheusSample> samples,
        string name,
        string label,
        string value
    ) => samples.Where(s => s.Name == name && s.Label(label) == value).Sum(s => s.Value);
}
