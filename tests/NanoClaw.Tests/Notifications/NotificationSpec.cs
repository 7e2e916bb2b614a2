using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Notifications;

public sealed class NotificationSpec
{
    private const string Secret = "test-secret-0123456789abcdef";
    private static readonly string[] PerRunEvents = ["run.failed", "run.succeeded"];
    private static readonly string[] AllEvents =
    [
        "task.failing",
        "task.recovered",
        "run.failed",
        "run.succeeded",
    ];

    private static Workspace NewWorkspace() =>
        new(s =>
            s["Notify"] = new JsonObject
            {
                ["Secret"] = Secret,
                ["RetryDelay"] = "00:00:01",
                ["MaxRetryDelay"] = "00:00:02",
                ["Timeout"] = "00:00:05",
            }
        );

    private static string Jobs(string script, object notify, string interval = "01:00:00") =>
        new JobsJsonBuilder()
            .Group("main", isMain: true)
            .ShellTask("watched", "main", script, new { interval, notify })
            .ToString();

    private static async Task<IReadOnlyList<ReceivedRequest>> WaitForRequestsAsync(
        WebhookReceiver receiver,
        int count,
        TimeSpan timeout
    )
    {
        await Eventually.TrueAsync(
            () => receiver.Requests.Count >= count,
            timeout,
            $"the receiver got {receiver.Requests.Count} request(s), not {count}"
        );
        return receiver.Requests;
    }

    private static string EventOf(ReceivedRequest request) =>
        JsonNode.Parse(request.Body)!["event"]!.GetValue<string>();

    [Fact(Timeout = 90_000)]
    public async Task A_task_failing_three_times_alerts_once_with_a_signed_summary_of_the_run()
    {
        using var workspace = NewWorkspace();
        await using var receiver = new WebhookReceiver();
        workspace.WriteJobs(
            Jobs(
                "echo 'password=hunter2-in-stdout'; exit 4",
                new[] { new { webhook = receiver.Url } },
                interval: "00:00:02"
            )
        );

        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();
        await workspace.WaitForRunsAsync("watched", 3, TimeSpan.FromSeconds(45));
        await WaitForRequestsAsync(receiver, 1, TimeSpan.FromSeconds(20));
        // Room for alerts the later failures must not send.
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);

        var request = Assert.Single(receiver.Requests);
        Assert.StartsWith("POST /hook ", request.RequestLine, StringComparison.Ordinal);
        var expected =
            "sha256="
            + Convert.ToHexStringLower(
                HMACSHA256.HashData(
                    Encoding.UTF8.GetBytes(Secret),
                    Encoding.UTF8.GetBytes(request.Body)
                )
            );
        Assert.Equal(expected, request.Headers["X-NanoClaw-Signature"]);
        Assert.Equal("task.failing", request.Headers["X-NanoClaw-Event"]);
        Assert.DoesNotContain("hunter2", request.Body, StringComparison.Ordinal);

        var body = JsonNode.Parse(request.Body)!;
        var first = (await workspace.RunsAsync("watched")).MinBy(r => r.StartedAt)!;
        Assert.Equal("task.failing", body["event"]!.GetValue<string>());
        Assert.Equal(request.Headers["X-NanoClaw-Delivery"], body["id"]!.GetValue<string>());
        Assert.Equal("watched", body["taskId"]!.GetValue<string>());
        Assert.Equal(first.Id, body["run"]!["id"]!.GetValue<string>());
        Assert.Equal("failed", body["run"]!["status"]!.GetValue<string>());
        Assert.Equal(4, body["run"]!["exitCode"]!.GetValue<int>());
        Assert.Equal($"nanoclaw run {first.Id}", body["see"]!["command"]!.GetValue<string>());
        Assert.Equal(
            $"{workspace.AdminUrl}/api/runs/{first.Id}",
            body["see"]!["url"]!.GetValue<string>()
        );
        // The timestamp a receiver checks against replays is signed with the body, and matches the header.
        Assert.Equal(
            request.Headers["X-NanoClaw-Timestamp"],
            body["timestamp"]!
                .GetValue<long>()
                .ToString(System.Globalization.CultureInfo.InvariantCulture)
        );
        Assert.InRange(
            body["timestamp"]!.GetValue<long>(),
            DateTimeOffset.UtcNow.AddMinutes(-2).ToUnixTimeSeconds(),
            DateTimeOffset.UtcNow.ToUnixTimeSeconds()
        );
    }

    [Fact(Timeout = 90_000)]
    public async Task A_task_that_succeeds_again_says_it_recovered_and_per_run_events_come_only_when_asked_for()
    {
        using var workspace = NewWorkspace();
        await using var changes = new WebhookReceiver();
        await using var everyRun = new WebhookReceiver();
        // Fails twice, then succeeds: a counter file in the group folder.
        workspace.WriteJobs(
            Jobs(
                "n=$(cat count 2>/dev/null || echo 0); n=$((n+1)); echo $n > count; [ $n -gt 2 ]",
                new object[]
                {
                    new { webhook = changes.Url },
                    new { webhook = everyRun.Url, events = PerRunEvents },
                },
                interval: "00:00:02"
            )
        );

        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();
        await WaitForRequestsAsync(changes, 2, TimeSpan.FromSeconds(45));
        await WaitForRequestsAsync(everyRun, 3, TimeSpan.FromSeconds(20));

        Assert.Equal(["task.failing", "task.recovered"], changes.Requests.Select(EventOf));
        Assert.Equal(
            ["run.failed", "run.failed", "run.succeeded"],
            everyRun.Requests.Take(3).Select(EventOf)
        );
    }

    [Fact(Timeout = 90_000)]
    public async Task A_failure_cured_by_a_retry_sends_no_alert()
    {
        using var workspace = NewWorkspace();
        await using var receiver = new WebhookReceiver();
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("main", isMain: true)
                .ShellTask(
                    "watched",
                    "main",
                    "if [ -e tried ]; then exit 0; else touch tried; exit 1; fi",
                    new
                    {
                        interval = "01:00:00",
                        retry = new { maxAttempts = 2, delay = "00:00:01" },
                        notify = new[] { new { webhook = receiver.Url, events = AllEvents } },
                    }
                )
                .ToString()
        );

        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();
        await WaitForRequestsAsync(receiver, 1, TimeSpan.FromSeconds(45));
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);

        // The firing ended well at its second attempt: one run.succeeded, no failure, nothing to recover from.
        var request = Assert.Single(receiver.Requests);
        var body = JsonNode.Parse(request.Body)!;
        Assert.Equal("run.succeeded", body["event"]!.GetValue<string>());
        Assert.Equal(2, body["run"]!["attempt"]!.GetValue<int>());
    }

    [Fact(Timeout = 90_000)]
    public async Task A_delivery_is_retried_until_the_receiver_is_back_and_each_attempt_is_recorded()
    {
        using var workspace = NewWorkspace();
        var port = WebhookReceiver.UnusedPort();
        workspace.WriteJobs(
            Jobs("exit 1", new[] { new { webhook = $"http://127.0.0.1:{port}/hook" } })
        );

        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();
        await Eventually.TrueAsync(
            async () => (await AttemptsAsync(workspace)).Count >= 2,
            TimeSpan.FromSeconds(30),
            "the delivery was not tried twice while the receiver was down"
        );
        await using var receiver = new WebhookReceiver(port);
        await WaitForRequestsAsync(receiver, 1, TimeSpan.FromSeconds(20));
        await Eventually.TrueAsync(
            async () => (await AttemptsAsync(workspace)).Any(a => a.Ok),
            TimeSpan.FromSeconds(10),
            "the delivery was not recorded as delivered"
        );

        var attempts = await AttemptsAsync(workspace);
        Assert.All(attempts.SkipLast(1), a => Assert.False(a.Ok));
        Assert.True(attempts[^1].Ok);
        Assert.Equal("HTTP 204", attempts[^1].Detail);
        Assert.Equal("delivered", await OutboxStateAsync(workspace));
        Assert.Equal("task.failing", EventOf(Assert.Single(receiver.Requests)));
    }

    [Fact(Timeout = 90_000)]
    public async Task An_error_answer_or_a_redirect_is_a_failed_try_and_the_same_event_is_sent_again()
    {
        using var workspace = NewWorkspace();
        await using var receiver = new WebhookReceiver
        {
            Answer = n =>
                n switch
                {
                    0 => 500,
                    1 => 302,
                    _ => 200,
                },
        };
        workspace.WriteJobs(Jobs("exit 1", new[] { new { webhook = receiver.Url } }));

        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();
        await WaitForRequestsAsync(receiver, 3, TimeSpan.FromSeconds(40));
        await Eventually.TrueAsync(
            async () => (await AttemptsAsync(workspace)).Count == 3,
            TimeSpan.FromSeconds(10),
            "the third try was not recorded"
        );

        Assert.Equal(
            [(false, "HTTP 500"), (false, "HTTP 302"), (true, "HTTP 200")],
            await AttemptsAsync(workspace)
        );
        // One event, tried three times: the same delivery id each time, each try signed anew.
        Assert.Single(receiver.Requests.Select(r => r.Headers["X-NanoClaw-Delivery"]).Distinct());
        Assert.All(
            receiver.Requests,
            r =>
                Assert.Equal(
                    "sha256="
                        + Convert.ToHexStringLower(
                            HMACSHA256.HashData(
                                Encoding.UTF8.GetBytes(Secret),
                                Encoding.UTF8.GetBytes(r.Body)
                            )
                        ),
                    r.Headers["X-NanoClaw-Signature"]
                )
        );
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
        Assert.Equal(3, receiver.Requests.Count);
    }

    [Fact(Timeout = 120_000)]
    public async Task An_undelivered_event_survives_a_daemon_restart_and_is_delivered_after()
    {
        using var workspace = NewWorkspace();
        var port = WebhookReceiver.UnusedPort();
        workspace.WriteJobs(
            Jobs("exit 1", new[] { new { webhook = $"http://127.0.0.1:{port}/hook" } })
        );

        await using (var daemon = workspace.StartDaemon())
        {
            await daemon.WaitUntilStartedAsync();
            await Eventually.TrueAsync(
                async () => (await AttemptsAsync(workspace)).Count >= 1,
                TimeSpan.FromSeconds(30),
                "the delivery was never tried"
            );
            Assert.Equal(0, await daemon.TerminateAsync(TimeSpan.FromSeconds(30)));
        }
        Assert.Equal("pending", await OutboxStateAsync(workspace));

        await using var receiver = new WebhookReceiver(port);
        await using (var daemon = workspace.StartDaemon())
        {
            await daemon.WaitUntilStartedAsync();
            await WaitForRequestsAsync(receiver, 1, TimeSpan.FromSeconds(30));
        }

        Assert.Equal("task.failing", EventOf(Assert.Single(receiver.Requests)));
        Assert.Single(await workspace.RunsAsync("watched"));
    }

    [Fact(Timeout = 90_000)]
    public async Task A_command_target_gets_the_event_on_stdin_and_none_of_the_daemons_secrets()
    {
        using var workspace = NewWorkspace();
        var eventFile = workspace.Combine("event.json");
        var envFile = workspace.Combine("event.env");
        workspace.WriteJobs(
            Jobs(
                "exit 1",
                new[]
                {
                    new
                    {
                        command = new[]
                        {
                            "sh",
                            "-c",
                            $"env > '{envFile}.tmp'; mv '{envFile}.tmp' '{envFile}'; cat > '{eventFile}.tmp'; mv '{eventFile}.tmp' '{eventFile}'",
                        },
                    },
                }
            )
        );

        await using var daemon = workspace.StartDaemon(
            new Dictionary<string, string> { ["DAEMON_ONLY_SECRET"] = "s3cr3t-value" }
        );
        await daemon.WaitUntilStartedAsync();
        await Eventually.FileWrittenAsync(eventFile, TimeSpan.FromSeconds(30));

        var body = JsonNode.Parse(
            await File.ReadAllTextAsync(eventFile, TestContext.Current.CancellationToken)
        )!;
        Assert.Equal("task.failing", body["event"]!.GetValue<string>());
        Assert.Equal("watched", body["run"]!["taskId"]!.GetValue<string>());
        var env = await File.ReadAllTextAsync(envFile, TestContext.Current.CancellationToken);
        Assert.DoesNotContain("s3cr3t-value", env, StringComparison.Ordinal);
        Assert.Contains("NANOCLAW_EVENT=task.failing", env, StringComparison.Ordinal);
        Assert.Contains("PATH=", env, StringComparison.Ordinal);
    }

    [Fact(Timeout = 90_000)]
    public async Task The_settings_default_target_serves_tasks_whose_task_and_group_set_none()
    {
        await using var receiver = new WebhookReceiver();
        using var workspace = new Workspace(s =>
            s["Notify"] = new JsonObject
            {
                ["Secret"] = Secret,
                ["Default"] = new JsonArray(new JsonObject { ["Webhook"] = receiver.Url }),
            }
        );
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("main", isMain: true)
                .ShellTask("watched", "main", "exit 1", new { interval = "01:00:00" })
                .ShellTask(
                    "muted",
                    "main",
                    "exit 1",
                    new { interval = "01:00:00", notify = Array.Empty<object>() }
                )
                .ToString()
        );

        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();
        await workspace.WaitForRunsAsync("muted", 1, TimeSpan.FromSeconds(30));
        await WaitForRequestsAsync(receiver, 1, TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);

        var request = Assert.Single(receiver.Requests);
        Assert.Equal("watched", JsonNode.Parse(request.Body)!["taskId"]!.GetValue<string>());
    }

    private static async Task<List<(bool Ok, string Detail)>> AttemptsAsync(Workspace workspace)
    {
        await using var connection = new SqliteConnection(
            $"Data Source={workspace.DatabaseFile};Mode=ReadOnly"
        );
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT ok, detail FROM nanoclaw_notify_attempts ORDER BY attempt";
        var result = new List<(bool, string)>();
        try
        {
            await using var reader = await command.ExecuteReaderAsync(
                TestContext.Current.CancellationToken
            );
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
                result.Add((reader.GetInt64(0) != 0, reader.GetString(1)));
        }
        catch (SqliteException)
        {
            // Not migrated yet: no attempts.
        }
        return result;
    }

    private static async Task<string?> OutboxStateAsync(Workspace workspace)
    {
        await using var connection = new SqliteConnection(
            $"Data Source={workspace.DatabaseFile};Mode=ReadOnly"
        );
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT state FROM nanoclaw_notify_outbox";
        return (string?)await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
    }
}
