using System.Text.Json;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Cli;

/// <summary><c>tasks show TASK_ID [--next N]</c> and <c>GET /api/tasks/{id}?next=N</c>.</summary>
public sealed class TaskShowSpec
{
    [Fact(Timeout = 120_000)]
    public async Task Tasks_show_gives_the_definition_last_runs_and_the_next_fire_times_of_the_stored_trigger()
    {
        using var workspace = new Workspace();
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("main", isMain: true)
                .ShellTask(
                    "digest",
                    "main",
                    "echo digest",
                    new
                    {
                        cron = "30 9 * * 1-5",
                        timeZone = "Europe/Berlin",
                        description = "morning digest",
                    }
                )
                .ShellTask("beat", "main", "true", new { interval = "00:07:00" })
                .ToString()
        );
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();
        var triggered = await workspace.CliAsync("trigger", "digest", "--wait", "--json");
        var runId = JsonDocument.Parse(triggered.Stdout).RootElement.GetProperty("id").GetString();

        var json = await workspace.CliAsync("tasks", "show", "digest", "--next", "7", "--json");
        var text = await workspace.CliAsync("tasks", "show", "digest", "--next", "3");
        var beat = await workspace.CliAsync("tasks", "show", "beat", "--json");
        var listed = await workspace.CliAsync("tasks", "--json");

        Assert.True(json.ExitCode == 0, json.ToString());
        var task = JsonDocument.Parse(json.Stdout).RootElement;
        Assert.Equal("file", task.GetProperty("source").GetString());
        Assert.Equal("normal", task.GetProperty("state").GetString());
        Assert.Equal(
            "30 9 * * 1-5",
            task.GetProperty("definition").GetProperty("cron").GetString()
        );
        var next = task.GetProperty("nextRuns")
            .EnumerateArray()
            .Select(t => t.GetDateTimeOffset())
            .ToList();
        Assert.Equal(7, next.Count);
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        Assert.All(
            next,
            t =>
            {
                var local = TimeZoneInfo.ConvertTime(t, berlin);
                Assert.Equal(new TimeSpan(9, 30, 0), local.TimeOfDay);
                Assert.InRange(local.DayOfWeek, DayOfWeek.Monday, DayOfWeek.Friday);
            }
        );
        Assert.Equal(next.Order().ToList(), next);
        Assert.Equal(next.Count, next.Distinct().Count());
        Assert.True(next[0] > DateTimeOffset.UtcNow);
        // Seven weekday 9:30s span at least a week and a weekend, never more than 11 days.
        Assert.InRange((next[^1] - next[0]).TotalDays, 7, 11);
        var listedDigest = JsonDocument
            .Parse(listed.Stdout)
            .RootElement.EnumerateArray()
            .Single(t => t.GetProperty("id").GetString() == "digest");
        Assert.Equal(next[0], listedDigest.GetProperty("nextRunAt").GetDateTimeOffset());
        var last = task.GetProperty("lastRuns").EnumerateArray().Single();
        Assert.Equal(runId, last.GetProperty("id").GetString());
        Assert.Equal("succeeded", last.GetProperty("status").GetString());

        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains("morning digest", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("Next runs (Europe/Berlin, UTC):", text.Stdout, StringComparison.Ordinal);
        Assert.Equal(
            3,
            text.Stdout.Split('\n').Count(l => l.Contains(" 09:30:00 +0", StringComparison.Ordinal))
        );
        Assert.Contains(runId!, text.Stdout, StringComparison.Ordinal);

        var beats = JsonDocument
            .Parse(beat.Stdout)
            .RootElement.GetProperty("nextRuns")
            .EnumerateArray()
            .Select(t => t.GetDateTimeOffset())
            .ToList();
        Assert.Equal(5, beats.Count);
        Assert.All(
            beats.Zip(beats.Skip(1)),
            p => Assert.Equal(TimeSpan.FromMinutes(7), p.Second - p.First)
        );
    }

    [Fact(Timeout = 120_000)]
    public async Task A_paused_task_shows_no_next_runs_and_a_bad_count_is_refused_by_cli_and_api()
    {
        using var workspace = new Workspace();
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("main", isMain: true)
                .ShellTask("beat", "main", "true", new { interval = "01:00:00" })
                .ShellTask("manual-only", "main", "true")
                .ToString()
        );
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();
        Assert.Equal(0, (await workspace.CliAsync("pause", "beat")).ExitCode);

        var paused = await workspace.CliAsync("tasks", "show", "beat", "--json");
        var pausedText = await workspace.CliAsync("tasks", "show", "beat");
        var manual = await workspace.CliAsync("tasks", "show", "manual-only", "--json");
        var tooMany = await workspace.CliAsync("tasks", "show", "beat", "--next", "101");
        var notNumber = await workspace.CliAsync("tasks", "show", "beat", "--next", "abc");
        using var http = AdminHttp.For(workspace);
        var ct = TestContext.Current.CancellationToken;
        var apiZero = await http.GetAsync("/api/tasks/beat?next=0", ct);
        var apiHuge = await http.GetAsync("/api/tasks/beat?next=99999999999", ct);
        var apiMax = await http.GetAsync("/api/tasks/manual-only?next=100", ct);

        Assert.Equal(
            "paused",
            JsonDocument.Parse(paused.Stdout).RootElement.GetProperty("state").GetString()
        );
        Assert.Empty(
            JsonDocument.Parse(paused.Stdout).RootElement.GetProperty("nextRuns").EnumerateArray()
        );
        Assert.Contains("none while paused", pausedText.Stdout, StringComparison.Ordinal);
        Assert.Empty(
            JsonDocument.Parse(manual.Stdout).RootElement.GetProperty("nextRuns").EnumerateArray()
        );
        Assert.Equal(2, tooMany.ExitCode);
        Assert.Contains(
            "--next: '101' is too large; use 1 to 100",
            tooMany.Stderr,
            StringComparison.Ordinal
        );
        Assert.Equal(2, notNumber.ExitCode);
        Assert.Contains(
            "--next: 'abc' is not a whole number; use 1 to 100",
            notNumber.Stderr,
            StringComparison.Ordinal
        );
        Assert.Equal(400, (int)apiZero.StatusCode);
        Assert.Contains(
            "'next' must be a number from 1 to 100",
            await apiZero.Content.ReadAsStringAsync(ct),
            StringComparison.Ordinal
        );
        Assert.Equal(400, (int)apiHuge.StatusCode);
        Assert.Equal(200, (int)apiMax.StatusCode);
    }
}
