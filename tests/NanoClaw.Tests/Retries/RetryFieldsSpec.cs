using NanoClaw.Jobs;
using NanoClaw.Jobs.Loading;
using static NanoClaw.Tests.Jobs.JobsFileText;

namespace NanoClaw.Tests.Retries;

public sealed class RetryFieldsSpec
{
    private const string Cmd = "\"command\": [\"true\"]";

    private static List<string> Problems(string json)
    {
        var result = JobsFileLoader.Parse(json, "jobs.json");
        Assert.Null(result.File);
        return [.. result.Problems.Select(p => p.ToString())];
    }

    [Fact]
    public void A_retry_policy_is_read_with_defaults_for_what_it_leaves_out_and_the_task_keeps_it()
    {
        var json = Task(
            $$"""{ "id": "t", "group": "main", {{Cmd}}, "retry": { "maxAttempts": 4, "delay": "00:00:05", "on": ["timed_out"] } }"""
        );

        var result = JobsFileLoader.Parse(json, "jobs.json");

        var retry = Assert.Single(result.File!.Tasks).Retry!;
        Assert.Equal(4, retry.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(5), retry.Delay);
        Assert.Equal(2.0, retry.Backoff);
        Assert.Equal(TimeSpan.FromMinutes(10), retry.MaxDelay);
        Assert.Equal(["timed_out"], retry.On);
    }

    [Fact]
    public void Every_bad_retry_field_is_reported_where_it_is_all_at_once()
    {
        var json = Task(
            $$"""{ "id": "t", "group": "main", {{Cmd}}, "retry": { "maxAttempts": 2.5, "delay": "soon", "backoff": 0.5, "on": ["failed", "interrupted"], "maxTries": 3 } }"""
        );

        var problems = Problems(json);

        Assert.Contains(
            $"{At(json, "2.5")}: task 't': 'maxAttempts' in 'retry' must be a whole number from 1 (no retry) to 100, not 2.5",
            problems
        );
        Assert.Contains(
            problems,
            p =>
                p.StartsWith(
                    $"{At(json, "\"soon\"")}: task 't': 'delay' must be a duration",
                    StringComparison.Ordinal
                )
        );
        Assert.Contains(
            problems,
            p =>
                p.StartsWith(
                    $"{At(json, "0.5")}: task 't': 'backoff' in 'retry'",
                    StringComparison.Ordinal
                )
        );
        Assert.Contains(
            problems,
            p =>
                p.StartsWith(
                    $"{At(json, "\"interrupted\"")}: task 't': 'on' in 'retry' lists outcomes to retry",
                    StringComparison.Ordinal
                )
        );
        Assert.Contains(
            problems,
            p =>
                p.StartsWith(
                    $"{At(json, "\"maxTries\"")}: task 't': unknown property 'maxTries'",
                    StringComparison.Ordinal
                )
        );
        Assert.Equal(5, problems.Count);
    }

    [Fact]
    public void A_max_delay_shorter_than_the_delay_is_refused()
    {
        var json = Task(
            $$"""{ "id": "t", "group": "main", {{Cmd}}, "retry": { "delay": "00:05:00", "maxDelay": "00:01:00" } }"""
        );

        var problem = Assert.Single(Problems(json));

        Assert.Equal(
            $"{At(json, "\"00:01:00\"")}: task 't': 'maxDelay' in 'retry' (00:01:00) must not be shorter than 'delay' (00:05:00)",
            problem
        );
    }

    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(5, 300)]
    [InlineData(60, 300)]
    public void The_delay_grows_by_the_backoff_and_stops_at_max_delay(
        int failedAttempt,
        int seconds
    )
    {
        var policy = new RetryPolicy
        {
            Delay = TimeSpan.FromSeconds(30),
            Backoff = 2,
            MaxDelay = TimeSpan.FromMinutes(5),
        };

        Assert.Equal(TimeSpan.FromSeconds(seconds), policy.DelayAfter(failedAttempt));
    }
}
