using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using NanoClaw.Runs;
using NanoClaw.Scheduling;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Cron;

/// <summary>5-field crons in the real daemon: fired as crontab(5) says, kept across restarts, pauses and reloads.</summary>
public sealed class CronDaemonSpec
{
    // Generous: the machine these run on may be loaded.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

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

    [Fact(Timeout = 240_000)]
    public async Task A_whole_week_day_of_week_beside_another_day_of_month_fires_today()
    {
        using var workspace = new Workspace();
        var jobs = new JobsJsonBuilder().Group("main", isMain: true);
        workspace.WriteJobs(jobs.ToString());
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitForOutputAsync("NanoClaw ready", StartTimeout);
        // The first whole minute at least 30 s away (time for the reload), on a day of the month that
        // is not today's: only "either day field" lets it fire today.
        var now = DateTimeOffset.UtcNow.AddSeconds(30);
        var at = new DateTimeOffset(
            now.Year,
            now.Month,
            now.Day,
            now.Hour,
            now.Minute,
            0,
            TimeSpan.Zero
        ).AddMinutes(1);
        var otherDay = at.Day == 1 ? 2 : 1;
        var cron = string.Create(
            CultureInfo.InvariantCulture,
            $"{at.Minute} {at.Hour} {otherDay} * 0-7"
        );
        workspace.WriteJobs(
            jobs.ShellTask("weekly", "main", "echo fired", new { cron }).ToString()
        );
        var reload = await workspace.CliAsync("reload");
        Assert.True(reload.ExitCode == 0, reload.ToString());

        Assert.Equal(at, await NextRunAsync(workspace, "weekly"));
        var runs = await workspace.WaitForRunsAsync(
            "weekly",
            1,
            TimeSpan.FromSeconds(150),
            r => r.Status == RunStatus.Succeeded
        );

        var run = Assert.Single(runs);
        Assert.Equal(at, run.ScheduledAt);
    }

    [Fact(Timeout = 300_000)]
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
            await daemon.WaitForOutputAsync("NanoClaw ready", StartTimeout);
            Assert.Equal(expected, await NextRunAsync(workspace, "either"));
            Assert.Equal(0, (await workspace.CliAsync("pause", "either")).ExitCode);
            Assert.Equal(0, await daemon.TerminateAsync(TimeSpan.FromSeconds(30)));
        }

        await using (var daemon = workspace.StartDaemon())
        {
            await daemon.WaitForOutputAsync("NanoClaw ready", StartTimeout);
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

    [Fact(Timeout = 300_000)]
    public async Task A_store_holding_a_five_field_task_as_a_quartz_cron_trigger_is_moved_to_crontab_semantics()
    {
        using var workspace = new Workspace();
        // A day of the month that is neither today nor tomorrow: Quartz's old reading (that day only)
        // and crontab's (every day, the week field being whole) give different next runs.
        var today = DateTimeOffset.UtcNow;
        var day = Enumerable
            .Range(1, 28)
            .First(d => d != today.Day && d != today.AddDays(1).Day && d != today.AddDays(2).Day);
        var cron = string.Create(CultureInfo.InvariantCulture, $"0 9 {day} * 0-7");
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("main", isMain: true)
                .ShellTask("daily", "main", "true", new { cron })
                .ToString()
        );
        await using (var daemon = workspace.StartDaemon())
        {
            await daemon.WaitForOutputAsync("NanoClaw ready", StartTimeout);
            Assert.Equal(0, await daemon.TerminateAsync(TimeSpan.FromSeconds(30)));
        }
        var oldNext = NextOnDay(today, day);
        RewriteAsQuartzCronTrigger(
            workspace.DatabaseFile,
            "daily",
            "0 0 9 " + day.ToString(CultureInfo.InvariantCulture) + " * ?",
            oldNext
        );
        Assert.Equal("CRON", TriggerType(workspace.DatabaseFile, "daily"));

        await using (var daemon = workspace.StartDaemon())
        {
            await daemon.WaitForOutputAsync("NanoClaw ready", StartTimeout);
            var next = Assert.NotNull(await NextRunAsync(workspace, "daily"));

            Assert.Equal("CRONTAB", TriggerType(workspace.DatabaseFile, "daily"));
            Assert.Equal((9, 0), (next.UtcDateTime.Hour, next.UtcDateTime.Minute));
            Assert.InRange(next - DateTimeOffset.UtcNow, TimeSpan.Zero, TimeSpan.FromHours(24));
            Assert.NotEqual(oldNext, next);
        }
    }

    private static DateTimeOffset NextOnDay(DateTimeOffset now, int day)
    {
        var month = new DateTimeOffset(now.Year, now.Month, 1, 9, 0, 0, TimeSpan.Zero);
        var candidate = month.AddDays(day - 1);
        return candidate > now ? candidate : month.AddMonths(1).AddDays(day - 1);
    }

    /// <summary>
    /// What an earlier NanoClaw stored for a 5-field cron task: a Quartz cron trigger, and the task's
    /// hash without the trigger type in it.
    /// </summary>
    private static void RewriteAsQuartzCronTrigger(
        string database,
        string name,
        string quartzCron,
        DateTimeOffset next
    )
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        var data = (byte[])
            Scalar(connection, "SELECT JOB_DATA FROM QRTZ_TRIGGERS WHERE TRIGGER_NAME = $n", name)!;
        var map = JsonSerializer.Deserialize<Dictionary<string, string>>(data)!;
        var oldHash = DefinitionJson.Hash(map["nanoclaw.task"]);
        map["nanoclaw.taskHash"] = oldHash;
        Execute(connection, "DELETE FROM QRTZ_SIMPROP_TRIGGERS WHERE TRIGGER_NAME = $n", name);
        Execute(
            connection,
            "INSERT INTO QRTZ_CRON_TRIGGERS (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP, CRON_EXPRESSION, TIME_ZONE_ID) "
                + "SELECT SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP, $c, 'UTC' FROM QRTZ_TRIGGERS WHERE TRIGGER_NAME = $n",
            name,
            ("$c", quartzCron)
        );
        Execute(
            connection,
            "UPDATE QRTZ_TRIGGERS SET TRIGGER_TYPE = 'CRON', JOB_DATA = $d, NEXT_FIRE_TIME = $t WHERE TRIGGER_NAME = $n",
            name,
            ("$d", JsonSerializer.SerializeToUtf8Bytes(map)),
            ("$t", next.UtcTicks)
        );
        Execute(
            connection,
            "UPDATE nanoclaw_synced_tasks SET hash = $h WHERE task_id = $n",
            name,
            ("$h", oldHash)
        );
    }

    private static string TriggerType(string database, string name)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        return (string)
            Scalar(
                connection,
                "SELECT TRIGGER_TYPE FROM QRTZ_TRIGGERS WHERE TRIGGER_NAME = $n",
                name
            )!;
    }

    private static object? Scalar(SqliteConnection connection, string sql, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$n", name);
        return command.ExecuteScalar();
    }

    private static void Execute(
        SqliteConnection connection,
        string sql,
        string name,
        params (string Name, object Value)[] values
    )
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$n", name);
        foreach (var (key, value) in values)
            command.Parameters.AddWithValue(key, value);
        Assert.Equal(1, command.ExecuteNonQuery());
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
