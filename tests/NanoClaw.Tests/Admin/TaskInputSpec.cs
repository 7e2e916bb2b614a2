using System.Net;
using System.Text;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Admin;

/// <summary>A task created at run time is held to the jobs file's input rules, through the real daemon.</summary>
public sealed class TaskInputSpec
{
    [Fact(Timeout = 60_000)]
    public async Task An_id_with_a_trailing_newline_is_refused_by_the_cli_and_nothing_is_created()
    {
        using var workspace = new Workspace();
        workspace.WriteJobs(new JobsJsonBuilder().Group("main", isMain: true).ToString());
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();

        var added = await workspace.CliAsync(
            "tasks",
            "add",
            "--id",
            "x\n",
            "--group",
            "main",
            "--",
            "true"
        );
        var tasks = await workspace.CliAsync("tasks", "--json");

        Assert.Equal(2, added.ExitCode);
        Assert.Contains("the id must match", added.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, tasks.ExitCode);
        Assert.Equal("[]", tasks.Stdout.Trim());
    }

    [Fact(Timeout = 60_000)]
    public async Task Nul_in_a_task_sent_to_the_api_is_refused_with_its_place_and_nothing_is_created()
    {
        using var workspace = new Workspace();
        workspace.WriteJobs(new JobsJsonBuilder().Group("main", isMain: true).ToString());
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();
        var ct = TestContext.Current.CancellationToken;
        using var http = AdminHttp.For(workspace);

        using var body = new StringContent(
            """{ "id": "y", "group": "main", "command": ["echo", "shown\u0000hidden"] }""",
            Encoding.UTF8,
            "application/json"
        );
        var answer = await http.PostAsync("/api/tasks", body, ct);
        var text = await answer.Content.ReadAsStringAsync(ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.StatusCode);
        Assert.Contains("NUL character", text, StringComparison.Ordinal);
        Assert.Contains("request:1:", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/tasks/y", ct)).StatusCode);
    }
}
