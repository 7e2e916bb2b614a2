using System.Globalization;
using System.Text.Json;
using NanoClaw.Runs;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Cron;

/// <summary>5-field crons in the real daemon: fired as crontab(5) says, kept across restarts, pauses and reloads.</summary>
public sealed class CronDaemonSpec
{
    private static async Task<DateTimeOffset?> NextRunAsync(Workspace workspace, string taskId)
    {
        var run = await workspace.CliAsync("tasks", "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        using var document = JsonDocument.Parse(run.Stdout);
        var task = document
            .RootElement.EnumerateArray()
            .Single(t => t.GetProperty("id").GetString() == taskId);
        return
            task.TryGetProperty("nextRunAt", out var next) && next.ValueKind == JsonValueKind.String
            ? next.GetDateTimeOffset()
            : null;
    }

    [Fact(Timeout = 150_000)]
    public async Task A_whole_week_day_of_week_beside_another_day_of_month_fires_today()
    {
        using var workspace = new Workspace();
        // The next whole minute at least 5 s away, on a day of the month that is not today's:
        // only "either day field" lets it fire today.
        var now = DateTimeOffset.UtcNow;
        var at = new DateTimeOffset(
            now.Year,
            now.Month,
            now.Day,
            now.Hour,
            now.Minute,
            0,
            TimeSpan.Zero
        ).AddMinutes(now.Second > 55 ? 2 : 1);
        var otherDay = at.Day == 1 ? 2 : 1;
        var cron = string.Create(
            CultureInfo.InvariantCulture,
            $"{at.Minute} {at.Hour} {otherDay} * 0-7"
        );
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("main", isMain: true)
                .ShellTask("weekly", "main", "echo fired", new { cron })
                .ToString()
        );
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();

        Assert.Equal(at, await NextRunAsync(workspace, "weekly"));
        var runs = await workspace.WaitForRunsAsync(
            "weekly",
            1,
            TimeSpan.FromSeconds(100),
            r => r.Status == RunStatus.Succeeded
        );

        var run = Assert.Single(runs);
        Assert.Equal(at, run.ScheduledAt);
    }

    [Fact(Timeout = 150_000)]
    public async Task A_crontab_task_keeps_its_fire_times_across_restart_pause_resume_and_reload()
    {
        using var workspace = new Workspace();
        var jobs = new JobsJsonBuilder()
            .Group("main", isMain: true)
            // In January, the 13th or any Friday: both day fields are restricted, so either matches.
            .ShellTask(
                "either",
                "main",
                "true",
                new
                {
                    cron = "30 9 13 1 FRI",
                    timeZone = "Europe/Berlin",
                    misfire = "skip",
                }
            );
        workspace.WriteJobs(jobs.ToString());
        var expected = NextFriday9h30BerlinOrThe13th(DateTimeOffset.UtcNow);

        await using (var daemon = workspace.StartDaemon())
        {
            await daemon.WaitUntilStartedAsync();
            Assert.Equal(expected, await NextRunAsync(workspace, "either"));
            Assert.Equal(0, (await workspace.CliAsync("pause", "either")).ExitCode);
            Assert.Equal(0, await daemon.TerminateAsync(TimeSpan.FromSeconds(30)));
        }

        await using (var daemon = workspace.StartDaemon())
        {
            await daemon.WaitUntilStartedAsync();
            Assert.Equal(0, (await workspace.CliAsync("resume", "either")).ExitCode);
            Assert.Equal(expected, await NextRunAsync(workspace, "either"));

            workspace.WriteJobs(
                new JobsJsonBuilder()
                    .Group("main", isMain: true)
                    .ShellTask(
                        "either",
                        "main",
                        "true",
                        new { cron = "0 6 * * 0-7", timeZone = "America/New_York" }
                    )
                    .ToString()
            );
            var reload = await workspace.CliAsync("reload");
            Assert.True(reload.ExitCode == 0, reload.ToString());
            var ny = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
            var next = Assert.NotNull(await NextRunAsync(workspace, "either"));
            var local = TimeZoneInfo.ConvertTime(next, ny);
            Assert.Equal((6, 0, 0), (local.Hour, local.Minute, local.Second));
            Assert.InRange(next - DateTimeOffset.UtcNow, TimeSpan.Zero, TimeSpan.FromHours(25));
            Assert.False(daemon.HasExited, daemon.Output);
        }
    }

    /// <summary>The next Friday or 13 January at 09:30 in Berlin, found the slow way.</summary>
    private static DateTimeOffset NextFriday9h30BerlinOrThe13th(DateTimeOffset now)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var day = TimeZoneInfo.ConvertTime(now, zone).Date;
        for (; ; day = day.AddDays(1))
        {
            if (day.Month != 1 || (day.Day != 13 && day.DayOfWeek != DayOfWeek.Friday))
                continue;
            var wall = day.AddHours(9).AddMinutes(30);
            var instant = new DateTimeOffset(wall, zone.GetUtcOffset(wall));
            if (instant > now)
                return instant;
        }
    }
}
