using System.Net;
using System.Text;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Cron;

/// <summary>
/// A cron that never fires is refused with its reason wherever a task comes in: validate, serve,
/// reload, <c>tasks add</c> and the admin API (422, as for any invalid task); the daemon is never
/// stopped by one.
/// </summary>
public sealed class CronEntryPointsSpec
{
    // Generous: the machine these run on may be loaded.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private const string NeverFires = "0 0 31 2 *";
    private const string Reason = "cron '0 0 31 2 *': never fires: February 31 never occurs";

    private static string JobsWith(string cron) =>
        new JobsJsonBuilder()
            .Group("main", isMain: true)
            .ShellTask("ok", "main", "true", new { interval = "01:00:00" })
            .ShellTask("feb", "main", "true", new { cron })
            .ToString();

    [Fact(Timeout = 60_000)]
    public async Task Validate_refuses_a_never_firing_cron_with_its_place_and_reason()
    {
        using var workspace = new Workspace();
        workspace.WriteJobs(JobsWith(NeverFires));

        var run = await workspace.CliAsync("validate");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Matches($@"jobs\.json:\d+:\d+: task 'feb': {Escape(Reason)}\n", run.Stderr);
    }

    [Fact(Timeout = 120_000)]
    public async Task Serve_refuses_to_start_with_exit_2_and_the_message_not_a_stack_trace()
    {
        using var workspace = new Workspace();
        workspace.WriteJobs(JobsWith("0 0 31 4,6,9,11 *"));
        await using var daemon = workspace.StartDaemon();

        var exit = await daemon.WaitForExitAsync(TimeSpan.FromSeconds(90));

        Assert.True(exit == 2, daemon.Output);
        Assert.Contains(
            "task 'feb': cron '0 0 31 4,6,9,11 *': never fires: day 31 never occurs in April, June, September or November",
            daemon.Output,
            StringComparison.Ordinal
        );
        Assert.DoesNotContain("Unhandled exception", daemon.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", daemon.Output, StringComparison.Ordinal);
    }

    [Fact(Timeout = 240_000)]
    public async Task Reload_tasks_add_and_the_api_refuse_a_never_firing_cron_and_the_daemon_keeps_running()
    {
        using var workspace = new Workspace();
        workspace.WriteJobs(JobsWith("0 9 * * 1-5"));
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitForOutputAsync("NanoClaw ready", StartTimeout);
        var ct = TestContext.Current.CancellationToken;

        workspace.WriteJobs(JobsWith(NeverFires));
        var reload = await workspace.CliAsync("reload");
        var add = await workspace.CliAsync(
            "tasks",
            "add",
            "--id",
            "added",
            "--group",
            "main",
            "--cron",
            "0 0 30,31 FEB *",
            "--",
            "true"
        );
        using var http = AdminHttp.For(workspace);
        using var body = new StringContent(
            """{ "id": "posted", "group": "main", "cron": "0 0 31 4,6,9,11 *", "command": ["true"] }""",
            Encoding.UTF8,
            "application/json"
        );
        var posted = await http.PostAsync("/api/tasks", body, ct);
        var postedText = await posted.Content.ReadAsStringAsync(ct);
        var tasks = await workspace.CliAsync("tasks", "--json");

        Assert.True(reload.ExitCode == 2, reload.ToString());
        Assert.Contains($"task 'feb': {Reason}", reload.Stderr, StringComparison.Ordinal);
        Assert.True(add.ExitCode == 2, add.ToString());
        Assert.Contains(
            "cron '0 0 30,31 FEB *': never fires: February 30 and 31 never occur",
            add.Stderr,
            StringComparison.Ordinal
        );
        // The API answers any invalid task (this one included) with 422 and the message.
        Assert.True(
            posted.StatusCode == HttpStatusCode.UnprocessableEntity,
            $"{posted.StatusCode}: {postedText}"
        );
        Assert.Contains(
            "never fires: day 31 never occurs in April, June, September or November",
            postedText,
            StringComparison.Ordinal
        );
        // Nothing was half-applied: the file's first version is still what runs.
        Assert.False(daemon.HasExited, daemon.Output);
        Assert.Contains("\"cron 0 9 * * 1-5\"", tasks.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("added", tasks.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("posted", tasks.Stdout, StringComparison.Ordinal);
    }

    private static string Escape(string text) => System.Text.RegularExpressions.Regex.Escape(text);
}
