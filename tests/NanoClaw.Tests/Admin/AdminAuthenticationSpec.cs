using System.Net;
using System.Net.Http.Headers;
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
