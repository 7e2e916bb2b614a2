using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using NanoClaw.Tests.Dashboard.Support;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Admin;

/// <summary>
/// <c>PATCH /api/tasks/{id}</c> through the real daemon: a good change is applied whole, keeping the
/// task's id and pause; a bad one is refused with the field named and changes nothing.
/// </summary>
public sealed class TaskUpdateSpec(DashboardDaemon daemon) : IClassFixture<DashboardDaemon>
{
    [Fact(Timeout = 60_000)]
    public async Task A_change_replaces_command_and_schedule_at_once_and_keeps_the_id_and_the_pause()
    {
        using var api = AdminHttp.For(daemon.Workspace);
        await CreateAsync(
            api,
            "patched",
            """{"cron": "0 0 3 * * ?", "command": ["echo", "old"]}"""
        );
        await PostAsync(api, "/api/tasks/patched/pause", "{}");

        var answer = await PatchAsync(
            api,
            "patched",
            """{"cron": "30 4 * * *", "timeZone": "Europe/Berlin", "command": ["echo", "new"], "description": "changed"}"""
        );

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var task = await GetAsync(api, "patched");
        Assert.Equal("patched", (string?)task["id"]);
        Assert.Equal("paused", (string?)task["state"]);
        Assert.Equal("changed", (string?)task["description"]);
        Assert.Equal("30 4 * * *", (string?)task["definition"]!["cron"]);
        Assert.Equal("Europe/Berlin", (string?)task["definition"]!["timeZone"]);
        Assert.Equal(
            ["echo", "new"],
            task["definition"]!["command"]!.AsArray().Select(a => (string?)a)
        );

        // Resumed, it fires by the new schedule: 04:30 in Berlin is 02:30 or 03:30 UTC.
        await PostAsync(api, "/api/tasks/patched/resume", "{}");
        var next = (await GetAsync(api, "patched?next=3"))["nextRuns"]!.AsArray();
        Assert.Equal(3, next.Count);
        Assert.All(next, at => Assert.Matches("T0[23]:30:00", (string?)at ?? ""));
    }

    [Fact(Timeout = 60_000)]
    public async Task Each_bad_change_is_refused_naming_its_field_and_changes_nothing()
    {
        using var api = AdminHttp.For(daemon.Workspace);
        await CreateAsync(
            api,
            "steady",
            """{"cron": "0 0 3 * * ?", "command": ["echo", "steady"]}"""
        );
        var before = await DefinitionAsync(api, "steady");
        (string Patch, string Field)[] bad =
        [
            ("""{"cron": "61 * * * *", "command": ["echo", "x"]}""", "cron"),
            ("""{"cron": "0 3 * * *", "timeZone": "Mars/Olympus"}""", "timeZone"),
            ("""{"timeout": "00:00:00.5"}""", "timeout"),
            ("""{"executionMode": "vm"}""", "executionMode"),
            ("""{"group": "ops"}""", "group"),
            ("""{"id": "other"}""", "id"),
            ("""{"command": null}""", "command"),
            ("""{"command": ["echo", "ok"], "prompt": "and this"}""", "command"),
            ("""{"interval": "00:05:00", "once": "2099-01-01T00:00:00Z"}""", "once"),
            ("""{"colour": "blue"}""", "colour"),
            ("""{"command": ["echo", "a\u0000b"]}""", "command"),
        ];
        foreach (var (patch, field) in bad)
        {
            var answer = await PatchAsync(api, "steady", patch);

            Assert.True(
                answer.Status == HttpStatusCode.UnprocessableEntity,
                $"{patch}: {answer.Body}"
            );
            var errors = JsonNode.Parse(answer.Body)!["errors"]!.AsObject();
            Assert.True(errors.ContainsKey(field), $"{patch}: expected '{field}' in {answer.Body}");
            Assert.Equal(before, await DefinitionAsync(api, "steady"));
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task A_body_that_is_not_an_object_an_unknown_task_a_jobs_file_task_and_no_token_are_refused()
    {
        using var api = AdminHttp.For(daemon.Workspace);
        await CreateAsync(api, "fixed", """{"cron": "0 0 3 * * ?", "command": ["true"]}""");
        var nightly = await DefinitionAsync(api, "nightly");

        var notObject = await PatchAsync(api, "fixed", "[1]");
        var notJson = await PatchAsync(api, "fixed", "{\"cron\": ");
        var twice = await PatchAsync(
            api,
            "fixed",
            """{"cron": "1 * * * *", "cron": "2 * * * *"}"""
        );
        var unknown = await PatchAsync(api, "fixd", """{"description": "x"}""");
        var fromFile = await PatchAsync(api, "nightly", """{"description": "x"}""");
        using var anonymous = new HttpClient { BaseAddress = new Uri(daemon.Url) };
        var noToken = await PatchAsync(anonymous, "fixed", """{"description": "x"}""");

        Assert.Equal(HttpStatusCode.BadRequest, notObject.Status);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.Status);
        Assert.Equal(HttpStatusCode.BadRequest, twice.Status);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Contains("did you mean 'fixed'", unknown.Body, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Conflict, fromFile.Status);
        Assert.Contains("jobs file", fromFile.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, noToken.Status);
        Assert.Equal(nightly, await DefinitionAsync(api, "nightly"));
        Assert.Null((await GetAsync(api, "fixed"))["description"]);
    }

    private static async Task CreateAsync(HttpClient api, string id, string fields)
    {
        var body = JsonNode.Parse(fields)!.AsObject();
        body["id"] = id;
        body["group"] = "main";
        var answer = await PostAsync(api, "/api/tasks", body.ToJsonString());
        Assert.True(answer.Status == HttpStatusCode.Created, answer.Body);
    }

    private static async Task<JsonObject> GetAsync(HttpClient api, string idAndQuery) =>
        JsonNode
            .Parse(
                await api.GetStringAsync(
                    $"/api/tasks/{idAndQuery}",
                    TestContext.Current.CancellationToken
                )
            )!
            .AsObject();

    private static async Task<string> DefinitionAsync(HttpClient api, string id) =>
        (await GetAsync(api, id))["definition"]!.ToJsonString();

    private static Task<(HttpStatusCode Status, string Body)> PatchAsync(
        HttpClient api,
        string id,
        string body
    ) => SendAsync(api, HttpMethod.Patch, $"/api/tasks/{id}", body);

    private static Task<(HttpStatusCode Status, string Body)> PostAsync(
        HttpClient api,
        string path,
        string body
    ) => SendAsync(api, HttpMethod.Post, path, body);

    private static async Task<(HttpStatusCode Status, string Body)> SendAsync(
        HttpClient api,
        HttpMethod method,
        string path,
        string body
    )
    {
        var ct = TestContext.Current.CancellationToken;
        using var request = new HttpRequestMessage(method, path)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        var answer = await api.SendAsync(request, ct);
        return (answer.StatusCode, await answer.Content.ReadAsStringAsync(ct));
    }
}
