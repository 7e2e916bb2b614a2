using NanoClaw.Jobs;
using NanoClaw.Jobs.Loading;
using static NanoClaw.Tests.Jobs.JobsFileText;

namespace NanoClaw.Tests.Notifications;

public sealed class NotifyFieldsSpec
{
    private const string Cmd = "\"command\": [\"true\"]";

    private static List<string> Problems(string json)
    {
        var result = JobsFileLoader.Parse(json, "jobs.json");
        Assert.Null(result.File);
        return [.. result.Problems.Select(p => p.ToString())];
    }

    [Fact]
    public void A_target_without_events_gets_only_the_changes()
    {
        var json = Task(
            $$"""{ "id": "t", "group": "main", {{Cmd}}, "notify": [ { "webhook": "https://hooks.example.com/x" }, { "command": ["mail", "ops"], "events": ["run.failed"] } ] }"""
        );

        var task = Assert.Single(JobsFileLoader.Parse(json, "jobs.json").File!.Tasks);

        Assert.Equal(["task.failing", "task.recovered"], task.Notify![0].Events);
        Assert.Equal(["run.failed"], task.Notify[1].Events);
        Assert.Equal(["mail", "ops"], task.Notify[1].Command);
    }

    [Theory]
    [InlineData("ftp://example.com/x")]
    [InlineData("file:///etc/passwd")]
    [InlineData("/relative/path")]
    [InlineData("http://user:pw@example.com/x")]
    public void A_webhook_must_be_a_plain_http_or_https_url(string url)
    {
        var json = Task(
            $$"""{ "id": "t", "group": "main", {{Cmd}}, "notify": [ { "webhook": "{{url}}" } ] }"""
        );

        var problem = Assert.Single(Problems(json));

        Assert.StartsWith(
            $"{At(json, $"\"{url}\"")}: task 't': 'webhook' must",
            problem,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void Every_bad_target_is_reported_where_it_is()
    {
        var json = Task(
            $$"""{ "id": "t", "group": "main", {{Cmd}}, "notify": [ { "webhook": "http://a/", "command": ["x"] }, { "webhook": "http://a/", "events": ["run.failled"] }, "http://a/" ] }"""
        );

        var problems = Problems(json);

        Assert.Contains(
            problems,
            p =>
                p.StartsWith(
                    $"{At(json, "{ \"webhook\"")}: task 't': a 'notify' target needs exactly one of",
                    StringComparison.Ordinal
                )
        );
        Assert.Contains(
            problems,
            p =>
                p.StartsWith(
                    $"{At(json, "\"run.failled\"")}: task 't': unknown notify event 'run.failled'",
                    StringComparison.Ordinal
                )
        );
        Assert.Contains(
            problems,
            p =>
                p.StartsWith(
                    $"{At(json, "\"http://a/\" ]")}: task 't': a 'notify' target must be an object",
                    StringComparison.Ordinal
                )
        );
        Assert.Equal(3, problems.Count);
    }

    [Fact]
    public void A_task_created_through_the_admin_api_cannot_run_a_command_target()
    {
        var groups = new Dictionary<string, GroupDefinition>
        {
            ["main"] = new() { Name = "main", IsMain = true },
        };
        var json =
            """{ "id": "t", "group": "main", "command": ["true"], "notify": [ { "command": ["sh", "-c", "id"] } ] }""";

        var result = JobsFileLoader.ParseTask(json, groups, "request");

        Assert.Null(result.Task);
        var problem = Assert.Single(result.Problems).ToString();
        Assert.Contains("can only be set in the jobs file", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_group_target_serves_its_tasks_and_a_task_list_replaces_it()
    {
        var json = With(
            """ "main": { "isMain": true, "notify": [ { "webhook": "http://127.0.0.1:9/g" } ] } """,
            $$"""{ "id": "a", "group": "main", {{Cmd}} }""",
            $$"""{ "id": "b", "group": "main", {{Cmd}}, "notify": [] }"""
        );

        var file = JobsFileLoader.Parse(json, "jobs.json").File!;

        Assert.Equal("http://127.0.0.1:9/g", Assert.Single(file.Groups["main"].Notify!).Webhook);
        Assert.Null(file.Tasks.Single(t => t.Id == "a").Notify);
        Assert.Empty(file.Tasks.Single(t => t.Id == "b").Notify!);
    }
}
