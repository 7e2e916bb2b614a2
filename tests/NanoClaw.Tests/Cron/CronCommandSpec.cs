using System.Text.Json;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Cron;

/// <summary><c>nanoclaw cron</c>, run as a user would, in a folder with no configuration and no daemon.</summary>
public sealed class CronCommandSpec
{
    [Fact(Timeout = 60_000)]
    public async Task It_prints_the_next_fire_times_in_the_zone_and_in_utc_without_a_daemon()
    {
        using var empty = new TempDir();

        var run = await CliRun.RunAsync(
            empty.Path,
            "cron",
            "0,30 2 * * *",
            "--time-zone",
            "Europe/Berlin",
            "--from",
            "2026-03-28T12:00:00Z",
            "--next",
            "3"
        );

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            """
            cron '0,30 2 * * *' (crontab) in Europe/Berlin:
              2026-03-29 03:00:00 Sun (+02:00)   2026-03-29 01:00:00 UTC
              2026-03-29 03:00:01 Sun (+02:00)   2026-03-29 01:00:01 UTC
              2026-03-30 02:00:00 Mon (+02:00)   2026-03-30 00:00:00 UTC

            """,
            run.Stdout
        );
        Assert.Equal("", run.Stderr);
        Assert.Empty(Directory.EnumerateFileSystemEntries(empty.Path));
    }

    [Fact(Timeout = 60_000)]
    public async Task An_alias_is_read_as_a_cron_not_as_a_response_file_and_from_is_inclusive()
    {
        using var empty = new TempDir();

        var run = await CliRun.RunAsync(
            empty.Path,
            "cron",
            "@weekly",
            "--from",
            "2026-12-06T00:00:00Z",
            "--next",
            "2",
            "--json"
        );

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal("crontab", json.RootElement.GetProperty("reading").GetString());
        Assert.Equal("UTC", json.RootElement.GetProperty("timeZone").GetString());
        Assert.Equal(
            ["2026-12-06T00:00:00+00:00", "2026-12-13T00:00:00+00:00"],
            json.RootElement.GetProperty("fireTimes")
                .EnumerateArray()
                .Select(t => t.GetProperty("utc").GetString())
                .ToArray()
        );
    }

    [Theory(Timeout = 60_000)]
    [InlineData(
        new[] { "cron", "5- * * * *" },
        "cron '5- * * * *': minute field '5-': range has no end"
    )]
    [InlineData(
        new[] { "cron", "0 0 31 2 *" },
        "cron '0 0 31 2 *': never fires: February 31 never occurs"
    )]
    [InlineData(
        new[] { "cron", "* * * * *", "--time-zone", "Mars/Olympus" },
        "--time-zone: unknown time zone 'Mars/Olympus' (use an IANA id such as Europe/Berlin)"
    )]
    [InlineData(
        new[] { "cron", "* * * * *", "--from", "tomorrow" },
        "--from: 'tomorrow' is not an ISO-8601 instant with an offset (2026-12-01T03:00:00Z)"
    )]
    [InlineData(
        new[] { "cron", "* * * * *", "--next", "0" },
        "--next: '0' is too small; use 1 to 1000."
    )]
    public async Task A_bad_expression_zone_or_option_exits_2_with_the_message(
        string[] args,
        string message
    )
    {
        using var empty = new TempDir();

        var run = await CliRun.RunAsync(empty.Path, args);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal("", run.Stdout);
        Assert.StartsWith(message + "\n", run.Stderr, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_quartz_cron_is_read_as_quartz_with_a_warning_about_numbered_week_days()
    {
        using var empty = new TempDir();

        var run = await CliRun.RunAsync(
            empty.Path,
            "cron",
            "0 0 9 ? * 2-6",
            "--from",
            "2026-12-05T00:00:00Z",
            "--next",
            "1"
        );

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("2026-12-07 09:00:00 Mon", run.Stdout, StringComparison.Ordinal);
        Assert.StartsWith(
            "warning: cron '0 0 9 ? * 2-6': day-of-week '2-6' uses Quartz numbers (1 = Sunday), so it means MON-FRI;",
            run.Stderr,
            StringComparison.Ordinal
        );
    }
}
