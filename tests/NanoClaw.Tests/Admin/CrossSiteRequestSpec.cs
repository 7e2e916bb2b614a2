using System.Text;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Admin;

/// <summary>
/// What a hostile web page in the operator's browser can do to the admin API: send forms, text and
/// empty POSTs without asking, point a domain of its own at 127.0.0.1 (DNS rebinding), send huge
/// bodies. None of it gets anything done.
/// </summary>
public sealed class CrossSiteRequestSpec
{
    [Fact(Timeout = 90_000)]
    public async Task Only_json_requests_change_anything_even_with_the_token_and_no_answer_allows_cors()
    {
        using var workspace = new Workspace();
        var marker = workspace.Combine("marker");
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("main", isMain: true)
                .ShellTask("hello", "main", $"touch {marker}.task")
                .ToString()
        );
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();
        var auth = $"Authorization: Bearer {await TokenAsync(workspace)}";
        var exec = $$"""{"group":"main","command":["touch","{{marker}}.exec"]}""";
        var task = """{"id":"sneaky","group":"main","command":["true"]}""";
        var answers = new List<(string What, RawHttp.Response Answer)>();
        async Task<RawHttp.Response> Send(
            string method,
            string target,
            string[] headers,
            string? body = null
        )
        {
            var answer = await RawHttp.SendAsync(
                workspace.AdminPort,
                method,
                target,
                headers,
                body is null ? null : Encoding.UTF8.GetBytes(body)
            );
            answers.Add(($"{method} {target} [{string.Join(", ", headers)}]", answer));
            return answer;
        }

        // What a form or fetch() may send cross-site without a preflight, and near misses of JSON.
        string[] contentTypes =
        [
            "text/plain",
            "text/plain;charset=UTF-8",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            "text/plain; application/json",
            "application/jsonp",
            "application/json-seq",
        ];
        foreach (var contentType in contentTypes)
        {
            await Send("POST", "/api/exec", [auth, $"Content-Type: {contentType}"], exec);
            await Send("POST", "/api/tasks", [auth, $"Content-Type: {contentType}"], task);
            await Send(
                "POST",
                "/api/tasks/hello/trigger",
                [auth, $"Content-Type: {contentType}"],
                ""
            );
        }
        foreach (
            var (method, target) in new[]
            {
                ("POST", "/api/tasks/hello/trigger"),
                ("POST", "/api/tasks/hello/pause"),
                ("POST", "/api/groups/main/pause"),
                ("POST", "/api/reload"),
                ("POST", "/api/runs/r1/cancel"),
                ("DELETE", "/api/tasks/hello"),
            }
        )
        {
            await Send(method, target, [auth]);
            await Send(method, target, [auth], "");
        }
        var refusedCount = answers.Count;
        string[] preflight =
        [
            "Origin: http://evil.example",
            "Access-Control-Request-Method: POST",
            "Access-Control-Request-Headers: content-type, authorization",
        ];
        var anonymousPreflight = await Send("OPTIONS", "/api/exec", preflight);
        var tokenPreflight = await Send("OPTIONS", "/api/exec", [.. preflight, auth]);
        var jsonPreflight = await Send(
            "OPTIONS",
            "/api/exec",
            [.. preflight, auth, "Content-Type: application/json"]
        );
        var read = await Send("GET", "/api/tasks", [auth, "Origin: http://evil.example"]);
        var tasks = await workspace.CliAsync("tasks", "--json");
        var control = await workspace.CliAsync("exec", "--group", "main", "--wait", "--", "true");

        foreach (var (what, answer) in answers.Take(refusedCount))
        {
            Assert.True(answer.Status == 415, $"{what}: {answer}");
            Assert.Contains("application/json", answer.Body, StringComparison.Ordinal);
        }
        foreach (var answer in new[] { anonymousPreflight, tokenPreflight, jsonPreflight })
            Assert.True(answer.Status >= 400, $"a preflight succeeded: {answer}");
        Assert.Equal(200, read.Status);
        foreach (var (what, answer) in answers)
            Assert.False(answer.HasHeader("Access-Control-"), $"{what} allowed CORS: {answer}");
        Assert.Equal(0, tasks.ExitCode);
        Assert.DoesNotContain("sneaky", tasks.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("paused", tasks.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, control.ExitCode);
        Assert.False(File.Exists(marker + ".exec"), "a non-JSON exec ran");
        Assert.False(File.Exists(marker + ".task"), "a non-JSON trigger ran");
        Assert.Single(await workspace.RunsAsync());
    }

    [Fact(Timeout = 60_000)]
    public async Task A_foreign_host_header_is_refused_with_or_without_the_token()
    {
        using var workspace = new Workspace(s =>
            s["Admin"]!["AllowedHosts"] = new System.Text.Json.Nodes.JsonArray("nanoclaw.test")
        );
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("main", isMain: true)
                .ShellTask("hello", "main", "true")
                .ToString()
        );
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();
        var auth = $"Authorization: Bearer {await TokenAsync(workspace)}";
        var port = workspace.AdminPort;
        string[] foreign =
        [
            "evil.example",
            $"evil.example:{port}",
            $"127.0.0.1.evil.example:{port}",
            "localhost.evil.example",
            "nanoclaw.test.evil.example",
            "0.0.0.0",
            "10.1.2.3",
            "",
        ];
        string[] own =
        [
            $"127.0.0.1:{port}",
            "127.0.0.1",
            "127.9.8.7",
            $"localhost:{port}",
            "LOCALHOST",
            $"[::1]:{port}",
            "nanoclaw.test",
        ];

        foreach (var host in foreign)
        {
            foreach (var headers in new[] { Array.Empty<string>(), [auth] })
            {
                var api = await RawHttp.SendAsync(port, "GET", "/api/tasks", headers, host: host);
                var health = await RawHttp.SendAsync(port, "GET", "/healthz", headers, host: host);
                Assert.True(api.Status == 421, $"Host '{host}' on /api/tasks: {api}");
                Assert.Contains("NanoClaw:Admin:AllowedHosts", api.Body, StringComparison.Ordinal);
                Assert.DoesNotContain("hello", api.Body, StringComparison.Ordinal);
                Assert.True(health.Status == 421, $"Host '{host}' on /healthz: {health}");
            }
        }
        foreach (var host in own)
        {
            var api = await RawHttp.SendAsync(port, "GET", "/api/tasks", [auth], host: host);
            Assert.True(api.Status == 200, $"Host '{host}': {api}");
            Assert.Contains("hello", api.Body, StringComparison.Ordinal);
        }
    }

    [Fact(Timeout = 90_000)]
    public async Task Oversized_bodies_and_nul_characters_are_refused_and_nothing_runs()
    {
        using var workspace = new Workspace();
        var marker = workspace.Combine("marker");
        workspace.WriteJobs(new JobsJsonBuilder().Group("main", isMain: true).ToString());
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();
        string[] headers =
        [
            $"Authorization: Bearer {await TokenAsync(workspace)}",
            "Content-Type: application/json",
        ];
        var huge = Encoding.UTF8.GetBytes(
            $$"""{"group":"main","command":["touch","{{marker}}","{{new string(
                'a',
                2 * 1024 * 1024
            )}}"]}"""
        );
        var hugeTask = Encoding.UTF8.GetBytes(
            $$"""{"id":"big","group":"main","command":["touch","{{marker}}"],"description":"{{new string(
                'a',
                2 * 1024 * 1024
            )}}"}"""
        );

        var declared = await RawHttp.SendAsync(
            workspace.AdminPort,
            "POST",
            "/api/exec",
            headers,
            huge
        );
        var chunked = await RawHttp.SendAsync(
            workspace.AdminPort,
            "POST",
            "/api/exec",
            headers,
            huge,
            chunked: true
        );
        var chunkedTask = await RawHttp.SendAsync(
            workspace.AdminPort,
            "POST",
            "/api/tasks",
            headers,
            hugeTask,
            chunked: true
        );
        var nul = new Dictionary<string, string>
        {
            ["group"] = """{"group":"ma\u0000in","command":["true"]}""",
            ["mode"] = """{"group":"main","mode":"host\u0000","command":["true"]}""",
            ["timeout"] = """{"group":"main","timeout":"00:01:00\u0000","command":["true"]}""",
            ["command[0]"] = $$"""{"group":"main","command":["touch\u0000","{{marker}}"]}""",
            ["command[2]"] = $$"""{"group":"main","command":["touch","{{marker}}","x\u0000y"]}""",
        };
        var nulAnswers = new Dictionary<string, RawHttp.Response>();
        foreach (var (field, body) in nul)
            nulAnswers[field] = await RawHttp.SendAsync(
                workspace.AdminPort,
                "POST",
                "/api/exec",
                headers,
                Encoding.UTF8.GetBytes(body)
            );
        var tasks = await workspace.CliAsync("tasks", "--json");
        var control = await workspace.CliAsync("exec", "--group", "main", "--wait", "--", "true");

        foreach (var answer in new[] { declared, chunked, chunkedTask })
        {
            Assert.True(answer.Status == 413, answer.ToString());
            Assert.Contains("at most 1048576 bytes", answer.Body, StringComparison.Ordinal);
        }
        foreach (var (field, answer) in nulAnswers)
        {
            Assert.True(answer.Status == 400, $"{field}: {answer}");
            Assert.Contains(
                $"'{field}' must not contain NUL",
                answer.Body,
                StringComparison.Ordinal
            );
        }
        Assert.DoesNotContain("\"big\"", tasks.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, control.ExitCode);
        Assert.False(File.Exists(marker), "a refused request ran");
        Assert.Single(await workspace.RunsAsync());
    }

    private static async Task<string> TokenAsync(Workspace workspace) =>
        (
            await File.ReadAllTextAsync(
                Path.Combine(workspace.DataDir, "admin.token"),
                TestContext.Current.CancellationToken
            )
        ).Trim();
}
