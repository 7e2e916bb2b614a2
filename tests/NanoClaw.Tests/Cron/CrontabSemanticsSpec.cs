using System.Globalization;
using NanoClaw.Jobs.Cron;

namespace NanoClaw.Tests.Cron;

/// <summary>Hand-picked cases of crontab(5) and cronie that 5-field lines must follow.</summary>
public sealed class CrontabSemanticsSpec
{
    private static DateTimeOffset At(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    private static string[] Fires(string line, string zone, string from, int count) =>
        [
            .. TaskCron
                .Parse(line)
                .Next(TimeZoneInfo.FindSystemTimeZoneById(zone), At(from), count)
                .Select(t =>
                    TimeZoneInfo
                        .ConvertTime(t, TimeZoneInfo.FindSystemTimeZoneById(zone))
                        .ToString("yyyy-MM-dd HH:mm:sszzz", CultureInfo.InvariantCulture)
                ),
        ];

    [Theory]
    [InlineData("0 9 1 * 0-7")]
    [InlineData("0 9 1 * 0-6")]
    [InlineData("0 9 1 * 1-7")]
    [InlineData("0 9 1 * 1,0-6")]
    [InlineData("0 9 1 * SUN-SAT")]
    public void A_whole_week_day_of_week_beside_a_day_of_month_fires_every_day(string line)
    {
        var fires = Fires(line, "UTC", "2026-12-02T00:00:00Z", 4);

        Assert.Equal(
            [
                "2026-12-02 09:00:00+00:00",
                "2026-12-03 09:00:00+00:00",
                "2026-12-04 09:00:00+00:00",
                "2026-12-05 09:00:00+00:00",
            ],
            fires
        );
    }

    [Fact]
    public void Both_restricted_day_fields_fire_on_either_and_a_star_step_day_field_counts_as_unrestricted()
    {
        // 2026-12: the 1st is a Tuesday; Fridays are the 4th, 11th, 18th.
        Assert.Equal(
            ["2026-12-01 09:00:00+00:00", "2026-12-04 09:00:00+00:00", "2026-12-11 09:00:00+00:00"],
            Fires("0 9 1 * FRI", "UTC", "2026-11-30T00:00:00Z", 3)
        );
        // '*/2' starts with '*': both fields must match (odd days that are Fridays).
        Assert.Equal(
            ["2026-12-11 09:00:00+00:00", "2026-12-25 09:00:00+00:00"],
            Fires("0 9 */2 * FRI", "UTC", "2026-11-30T00:00:00Z", 2)
        );
    }

    [Fact]
    public void A_week_range_ending_on_sunday_runs_from_friday_to_sunday()
    {
        Assert.Equal(
            [
                "2026-12-04 00:00:00+00:00",
                "2026-12-05 00:00:00+00:00",
                "2026-12-06 00:00:00+00:00",
                "2026-12-11 00:00:00+00:00",
            ],
            Fires("0 0 * * FRI-SUN", "UTC", "2026-12-01T00:00:00Z", 4)
        );
    }

    [Theory]
    [InlineData("@yearly", "2027-01-01 00:00:00+00:00")]
    [InlineData("@annually", "2027-01-01 00:00:00+00:00")]
    [InlineData("@monthly", "2027-01-01 00:00:00+00:00")]
    [InlineData("@weekly", "2026-12-06 00:00:00+00:00")]
    [InlineData("@daily", "2026-12-03 00:00:00+00:00")]
    [InlineData("@midnight", "2026-12-03 00:00:00+00:00")]
    [InlineData("@hourly", "2026-12-02 13:00:00+00:00")]
    public void Aliases_mean_what_crontab5_says(string alias, string first)
    {
        Assert.Equal([first], Fires(alias, "UTC", "2026-12-02T12:30:00Z", 1));
    }

    [Fact]
    public void Fixed_times_the_clocks_skip_each_run_once_right_after_the_change()
    {
        // Berlin, 2026-03-29: 02:00 CET becomes 03:00 CEST.
        Assert.Equal(
            ["2026-03-29 03:00:00+02:00", "2026-03-29 03:00:01+02:00", "2026-03-30 02:00:00+02:00"],
            Fires("0,30 2 * * *", "Europe/Berlin", "2026-03-28T12:00:00Z", 3)
        );
        // The minute the clocks land on runs first, then the skipped times.
        Assert.Equal(
            [
                "2026-03-29 03:00:00+02:00",
                "2026-03-29 03:00:01+02:00",
                "2026-03-29 03:00:02+02:00",
                "2026-03-29 03:30:00+02:00",
            ],
            Fires("0,30 2,3 * * *", "Europe/Berlin", "2026-03-28T12:00:00Z", 4)
        );
    }

    [Fact]
    public void Wildcard_hours_follow_the_new_clock_with_no_extra_run_for_a_skipped_hour()
    {
        Assert.Equal(
            ["2026-03-29 01:30:00+01:00", "2026-03-29 03:00:00+02:00", "2026-03-29 03:30:00+02:00"],
            Fires("*/30 * * * *", "Europe/Berlin", "2026-03-29T00:00:00Z", 3)
        );
        // Hour 2 does not exist that day: a wildcard job restricted to it does not run.
        Assert.Equal(
            ["2026-03-30 02:00:00+02:00"],
            Fires("*/30 2 * * *", "Europe/Berlin", "2026-03-28T12:00:00Z", 1)
        );
    }

    [Fact]
    public void A_fixed_time_in_a_repeated_hour_runs_once_and_a_wildcard_hour_runs_in_both_passes()
    {
        // New York, 2026-11-01: 02:00 EDT becomes 01:00 EST.
        Assert.Equal(
            ["2026-11-01 01:30:00-04:00", "2026-11-02 01:30:00-05:00"],
            Fires("30 1 * * *", "America/New_York", "2026-11-01T00:00:00-04:00", 2)
        );
        Assert.Equal(
            ["2026-11-01 01:00:00-04:00", "2026-11-01 01:00:00-05:00", "2026-11-01 02:00:00-05:00"],
            Fires("0 * * * *", "America/New_York", "2026-11-01T00:30:00-04:00", 3)
        );
    }

    [Fact]
    public void A_range_covering_the_repeated_hour_runs_as_the_same_hours_written_as_a_list()
    {
        var range = Fires("15 1-3 * * *", "America/New_York", "2026-11-01T00:00:00-04:00", 4);
        var list = Fires("15 1,2,3 * * *", "America/New_York", "2026-11-01T00:00:00-04:00", 4);

        Assert.Equal(
            [
                "2026-11-01 01:15:00-04:00",
                "2026-11-01 02:15:00-05:00",
                "2026-11-01 03:15:00-05:00",
                "2026-11-02 01:15:00-05:00",
            ],
            range
        );
        Assert.Equal(list, range);
    }

    [Fact]
    public void Lord_howes_half_hour_change_skips_and_repeats_half_an_hour()
    {
        // Australia/Lord_Howe, 2026-10-04: 02:00 (+10:30) becomes 02:30 (+11).
        Assert.Equal(
            ["2026-10-04 02:30:00+11:00", "2026-10-04 02:30:01+11:00", "2026-10-05 02:10:00+11:00"],
            Fires("10,20 2 * * *", "Australia/Lord_Howe", "2026-10-03T12:00:00+11:00", 3)
        );
        // 2026-04-05: 02:00 (+11) becomes 01:30 (+10:30); 01:45 comes twice, a fixed time runs once.
        Assert.Equal(
            ["2026-04-05 01:45:00+11:00", "2026-04-06 01:45:00+10:30"],
            Fires("45 1 * * *", "Australia/Lord_Howe", "2026-04-05T00:00:00+11:00", 2)
        );
    }

    [Fact]
    public void A_rare_day_such_as_29_february_on_a_monday_is_still_found()
    {
        // Day 1 or 29 of February, and a Monday: none from 2041 to 2043.
        Assert.Equal(
            ["2044-02-01 00:00:00+00:00", "2044-02-29 00:00:00+00:00", "2049-02-01 00:00:00+00:00"],
            Fires("0 0 */28 FEB MON", "UTC", "2040-03-01T00:00:00Z", 3)
        );
        Assert.Equal(
            ["2028-02-29 12:00:00+00:00"],
            Fires("0 12 29 2 *", "UTC", "2026-12-02T00:00:00Z", 1)
        );
    }
}
