using System.Globalization;
using System.Text.Json.Nodes;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Cli;

/// <summary>
/// Output for people: times in a named zone (local by default, <c>--utc</c>), <c>tasks</c> by next
/// run, paused tasks without one, colour on terminals only; daemon log lines that name the run's
/// task and group.
/// </summary>
public sealed class ReadableOutputSpec
{
    private const string NewYork = "America/New_York";

    private static string Jobs() =>
        new JobsJsonBuilder()
            .Group("main", isMain: true)
            .Group("ops")
            // Far off: January 1st.
            .ShellTask("yearly", "main", "true", new { cron = "0 0 1 1 *" })
            // Within the next minute or two.
            .ShellTask("soon", "ops", "true", new { cron = "* * * * *" })
            .ShellTask("manual", "main", "true")
            .ShellTask("paused-one", "main", "true", new { cron = "* * * * *" })
            .ToString();

    [Fact(Timeout = 180_000)]
    public async Task Tasks_are_sorted_by_next_run_with_paused_and_unscheduled_last_and_paused_show_no_next_run()
    {
        using var workspace = new Workspace();
        workspace.WriteJobs(Jobs());
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitForOutputAsync("NanoClaw ready", TimeSpan.FromSeconds(90));
        Assert.Equal(0, (await workspace.CliAsync("pause", "paused-one")).ExitCode);

        var json = await workspace.CliAsync("tasks", "--json");
        var table = await workspace.CliAsync("tasks");

        Assert.True(json.ExitCode == 0, json.ToString());
        var tasks = JsonNode.Parse(json.Stdout)!.AsArray();
        Assert.Equal(
            ["soon", "yearly", "manual", "paused-one"],
            tasks.Select(t => (string)t!["id"]!).ToArray()
        );
        var paused = tasks.Single(t => (string)t!["id"]! == "paused-one")!;
        Assert.Null(paused["nextRunAt"]);
        var rows = table.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            ["soon", "yearly", "manual", "paused-one"],
            rows.Skip(1).Select(r => r.Split(' ')[0]).ToArray()
        );
        var pausedRow = rows.Single(r => r.StartsWith("paused-one", StringComparison.Ordinal));
        Assert.Matches(@"\spaused\s+-\s", pausedRow);
    }

    [Fact(Timeout = 180_000)]
    public async Task Times_are_shown_in_the_local_zone_named_in_the_header_or_in_utc_with_the_utc_flag()
    {
        using var workspace = new Workspace();
        workspace.WriteJobs(Jobs());
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitForOutputAsync("NanoClaw ready", TimeSpan.FromSeconds(90));
        var inNewYork = new Dictionary<string, string> { ["TZ"] = NewYork };

        var json = await CliRun.ExecAsync(workspace.Path, ["tasks", "--json"], inNewYork);
        var local = await CliRun.ExecAsync(workspace.Path, ["tasks"], inNewYork);
        var utc = await CliRun.ExecAsync(workspace.Path, ["tasks", "--utc"], inNewYork);

        var nextRun = JsonNode
            .Parse(json.Stdout)!
            .AsArray()
            .Single(t => (string)t!["id"]! == "yearly")!["nextRunAt"]!.GetValue<DateTimeOffset>();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(NewYork);
        Assert.Contains($"NEXT RUN ({NewYork})", local.Stdout);
        Assert.Contains(Format(TimeZoneInfo.ConvertTime(nextRun, zone)), Row(local, "yearly"));
        Assert.Contains("NEXT RUN (UTC)", utc.Stdout);
        Assert.Contains(Format(nextRun.ToUniversalTime()), Row(utc, "yearly"));
        Assert.DoesNotContain(Format(nextRun.ToUniversalTime()), Row(local, "yearly"));
    }

    [Fact(Timeout = 180_000)]
    public async Task One_run_shows_each_time_with_its_zone()
    {
        using var workspace = new Workspace();
        workspace.WriteJobs(Jobs());
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitForOutputAsync("NanoClaw ready", TimeSpan.FromSeconds(90));
        var trigger = await workspace.CliAsync("trigger", "manual", "--wait", "--json");
        var runId = (string)JsonNode.Parse(trigger.Stdout)!["id"]!;

        var run = await workspace.CliAsync("run", runId, "--utc");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"started:\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC", run.Stdout);
    }

    [Fact(Timeout = 180_000)]
    public async Task Status_words_are_coloured_on_a_terminal_only_and_never_with_NO_COLOR()
    {
        var script = RequireTool.OnPath("script", "apt-get install bsdutils");
        using var workspace = new Workspace();
        workspace.WriteJobs(Jobs());
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitForOutputAsync("NanoClaw ready", TimeSpan.FromSeconds(90));
        Assert.Equal(0, (await workspace.CliAsync("trigger", "manual", "--wait")).ExitCode);
        var runs = $"{DaemonProcess.ExecutablePath} runs";
        var terminal = new Dictionary<string, string> { ["TERM"] = "xterm" };
        var noColour = new Dictionary<string, string> { ["TERM"] = "xterm", ["NO_COLOR"] = "1" };

        // script(1) gives the command a terminal of its own.
        var onTerminal = await CliRun.ExecAsync(
            workspace.Path,
            ["-qec", runs, "/dev/null"],
            terminal,
            program: script
        );
        var withNoColor = await CliRun.ExecAsync(
            workspace.Path,
            ["-qec", runs, "/dev/null"],
            noColour,
            program: script
        );
        var piped = await CliRun.ExecAsync(workspace.Path, ["runs"], terminal);

        Assert.Contains("\u001b[32msucceeded\u001b[0m", onTerminal.Stdout);
        Assert.Contains("succeeded", withNoColor.Stdout);
        Assert.DoesNotContain("\u001b[3", withNoColor.Stdout);
        Assert.Contains("succeeded", piped.Stdout);
        Assert.False(
            piped.Stdout.Contains('\u001b', StringComparison.Ordinal),
            "escape sequence in piped output: "
                + piped.Stdout.Replace("\u001b", "\\e", StringComparison.Ordinal)
        );
    }

    [Fact(Timeout = 180_000)]
    public async Task Daemon_log_lines_about_a_run_name_its_task_and_group_on_the_console_and_in_the_file()
    {
        using var workspace = new Workspace();
        workspace.WriteJobs(Jobs());
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitForOutputAsync("NanoClaw ready", TimeSpan.FromSeconds(90));
        var trigger = await workspace.CliAsync("trigger", "manual", "--wait", "--json");
        var runId = (string)JsonNode.Parse(trigger.Stdout)!["id"]!;

        await daemon.WaitForOutputAsync(
            $"Run {runId} of task manual in group main started",
            TimeSpan.FromSeconds(20)
        );
        await daemon.WaitForOutputAsync(
            $"Run {runId} of task manual in group main Succeeded",
            TimeSpan.FromSeconds(20)
        );
        await Eventually.TrueAsync(
            () =>
                Task.FromResult(
                    FileLogLines(workspace)
                        .Any(l =>
                            l.Contains($"\"RunId\":\"{runId}\"", StringComparison.Ordinal)
                            && l.Contains("\"TaskId\":\"manual\"", StringComparison.Ordinal)
                            && l.Contains("\"Group\":\"main\"", StringComparison.Ordinal)
                        )
                ),
            TimeSpan.FromSeconds(20),
            "the JSON log names the run's task and group"
        );
    }

    private static List<string> FileLogLines(Workspace workspace)
    {
        var dir = workspace.Combine("data", "logs");
        if (!Directory.Exists(dir))
            return [];
        return Directory
            .EnumerateFiles(dir, "nanoclaw-*.json")
            .SelectMany(f =>
            {
                using var stream = new FileStream(
                    f,
                    FileMode.Open,
                    FileAccess.Read,
                    FileShare.ReadWrite | FileShare.Delete
                );
                using var reader = new StreamReader(stream);
                return reader.ReadToEnd().Split('\n');
            })
            .ToList();
    }

    private static string Row(CliRun run, string taskId) =>
        run.Stdout.Split('\n').Single(l => l.StartsWith(taskId + " ", StringComparison.Ordinal));

    private static string Format(DateTimeOffset time) =>
        time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
