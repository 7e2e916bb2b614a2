using System.Net;
using System.Net.Http.Headers;
using System.Text;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Admin;

public sealed class AdminAuthenticationSpec
{
    private static readonly (string Method, string Path)[] Routes =
    [
        ("GET", "/api/tasks"),
        ("GET", "/api/tasks/hello"),
        ("POST", "/api/tasks"),
        ("DELETE", "/api/tasks/hello"),
        ("POST", "/api/tasks/hello/pause"),
        ("POST", "/api/tasks/hello/resume"),
        ("POST", "/api/tasks/hello/trigger"),
        ("GET", "/api/groups"),
        ("POST", "/api/groups/main/pause"),
        ("POST", "/api/groups/main/resume"),
        ("POST", "/api/exec"),
        ("GET", "/api/runs"),
        ("GET", "/api/runs/r1"),
        ("GET", "/api/runs/r1/wait"),
        ("GET", "/api/runs/r1/output"),
        ("GET", "/api/runs/r1/stream"),
        ("POST", "/api/runs/r1/cancel"),
        ("POST", "/api/reload"),
        ("GET", "/api/no-such-route"),
    ];

    [Fact(Timeout = 60_000)]
    public async Task Every_api_route_refuses_a_missing_or_wrong_token_and_the_token_file_is_owner_only()
    {
        using var workspace = new Workspace();
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("main", isMain: true)
                .ShellTask("hello", "main", "true")
                .ToString()
        );
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();
        using var http = new HttpClient { BaseAddress = new Uri(workspace.AdminUrl) };
        var ct = TestContext.Current.CancellationToken;

        foreach (var (method, path) in Routes)
        {
            using var anonymous = new HttpRequestMessage(new HttpMethod(method), path);
            using var wrong = new HttpRequestMessage(new HttpMethod(method), path);
            wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-token");
            Assert.Equal(
                HttpStatusCode.Unauthorized,
                (await http.SendAsync(anonymous, ct)).StatusCode
            );
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(wrong, ct)).StatusCode);
        }

        var tokenFile = Path.Combine(workspace.DataDir, "admin.token");
        Assert.Equal(
            UnixFileMode.UserRead | UnixFileMode.UserWrite,
            File.GetUnixFileMode(tokenFile)
        );
        using var authorized = new HttpRequestMessage(HttpMethod.Get, "/api/tasks");
        authorized.Headers.Authorization = new AuthenticationHeaderValue(
            "Bearer",
            (await File.ReadAllTextAsync(tokenFile, ct)).Trim()
        );
        var answer = await http.SendAsync(authorized, ct);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains(
            "\"hello\"",
            await answer.Content.ReadAsStringAsync(ct),
            StringComparison.Ordinal
        );
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz", ct)).StatusCode);
    }

    /// <summary>Ways to write a path that routing may take for an API route (case, escapes, dots, slashes).</summary>
    private static readonly string[] Spellings =
    [
        "/API/exec",
        "/Api/exec",
        "/%41PI/exec",
        "/%61pi/exec",
        "/%61%70%69/%65%78%65%63",
        "//api/exec",
        "/./api/exec",
        "/x/../api/exec",
        "/%2e/api/exec",
        "/x/%2E%2E/api/exec",
        "/api/./exec",
        "/api//exec",
        "/api%2Fexec",
        "/api%2fexec",
        "/api/exec/",
        "/api/EXEC",
        "/API/EXEC/",
        "/api/exec?x=1",
        "/api/exec;x",
        "/API/tasks/hello/trigger",
        "/api/TASKS/hello/TRIGGER",
        "/%41pi/tasks/hello/%74rigger",
        "/api/tasks/hello/trigger/",
    ];

    [Fact(Timeout = 90_000)]
    public async Task No_spelling_of_an_api_path_gets_past_the_token_and_nothing_runs()
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
        var token = (
            await File.ReadAllTextAsync(
                Path.Combine(workspace.DataDir, "admin.token"),
                TestContext.Current.CancellationToken
            )
        ).Trim();
        var exec = Encoding.UTF8.GetBytes(
            $$"""{"group":"main","command":["touch","{{marker}}.exec"]}"""
        );
        string[] json = ["Content-Type: application/json"];
        var targets = Spellings.Append($"http://127.0.0.1:{workspace.AdminPort}/API/exec");

        foreach (var target in targets)
        {
            var anonymous = await RawHttp.SendAsync(
                workspace.AdminPort,
                "POST",
                target,
                json,
                exec
            );
            var wrong = await RawHttp.SendAsync(
                workspace.AdminPort,
                "POST",
                target,
                [.. json, "Authorization: Bearer not-the-token"],
                exec
            );
            Assert.True(anonymous.Status == 401, $"POST {target} without a token: {anonymous}");
            Assert.True(wrong.Status == 401, $"POST {target} with a wrong token: {wrong}");
            Assert.True(anonymous.HasHeader("WWW-Authenticate: Bearer"), anonymous.ToString());
        }
        // A method no route takes, and paths no route has: still the token first.
        foreach (
            var (method, target) in new[]
            {
                ("PUT", "/API/tasks"),
                ("PATCH", "/api/tasks/hello"),
                ("GET", "/Api/tasks"),
                ("GET", "/api/nothing/here"),
                ("GET", "/elsewhere"),
            }
        )
        {
            var anonymous = await RawHttp.SendAsync(workspace.AdminPort, method, target, json);
            Assert.True(anonymous.Status == 401, $"{method} {target} without a token: {anonymous}");
        }
        var unknown = await RawHttp.SendAsync(
            workspace.AdminPort,
            "GET",
            "/api/nothing/here",
            [$"Authorization: Bearer {token}"]
        );
        var listed = await RawHttp.SendAsync(
            workspace.AdminPort,
            "GET",
            "/Api/tasks",
            [$"Authorization: Bearer {token}"]
        );
        // Whatever had been queued runs before this, in the same group.
        var control = await workspace.CliAsync("exec", "--group", "main", "--wait", "--", "true");

        Assert.Equal(404, unknown.Status);
        Assert.Equal(200, listed.Status);
        Assert.Contains("\"hello\"", listed.Body, StringComparison.Ordinal);
        Assert.Equal(0, control.ExitCode);
        Assert.False(File.Exists(marker + ".exec"), "an exec without the token ran");
        Assert.False(File.Exists(marker + ".task"), "a trigger without the token ran");
        Assert.Single(await workspace.RunsAsync());
    }

    [Fact(Timeout = 30_000)]
    public async Task A_command_that_needs_the_daemon_exits_3_when_it_is_down()
    {
        using var workspace = new Workspace();

        var tasks = await workspace.CliAsync("tasks");
        var trigger = await workspace.CliAsync("trigger", "hello", "--wait");

        Assert.Equal(3, tasks.ExitCode);
        Assert.Contains("could not be reached", tasks.Stderr, StringComparison.Ordinal);
        Assert.Equal(3, trigger.ExitCode);
    }
}
