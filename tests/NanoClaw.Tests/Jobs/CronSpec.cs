using System.Globalization;
using NanoClaw.Jobs;
using NanoClaw.Scheduling;
using Quartz;

namespace NanoClaw.Tests.Jobs;

public sealed class CronSpec
{
    /// <summary>The instants Quartz fires the task's translated cron at, in [from, to): GetNextValidTimeAfter is the public face of GetTimeAfter.</summary>
    private static List<DateTimeOffset> QuartzInstants(
        string cron,
        TimeZoneInfo zone,
        DateTimeOffset from,
        DateTimeOffset to
    )
    {
        // The daemon's own path: the jobs file validates with the translator, the scheduler resolves.
        var quartz = CronResolver.ToQuartz(cron)!;
        Assert.Equal(CronTranslator.Translate(cron, out var error), quartz);
        Assert.Null(error);
        var expression = new CronExpression(quartz, zone);
        var result = new List<DateTimeOffset>();
        for (
            var next = expression.GetNextValidTimeAfter(from.AddSeconds(-1));
            next is { } at && at < to;
            next = expression.GetNextValidTimeAfter(at)
        )
            result.Add(next.Value);
        return result;
    }

    private static DateTimeOffset Utc(string text) =>
        DateTimeOffset.Parse(
            text,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal
        );

    [Theory]
    [InlineData("* * * * *", 1)]
    [InlineData("*/15 * * * *", 3)]
    [InlineData("5-50/7 * * * *", 3)]
    [InlineData("0,20,40 8-17 * * *", 7)]
    [InlineData("5-10/2 8-17/3 * * 1-5", 21)]
    [InlineData("0 9 1-7,15 * *", 120)]
    [InlineData("59 23 31 * *", 366)]
    [InlineData("0 0 29 2 *", 1500)]
    [InlineData("30 6 * JAN-MAR,sep *", 366)]
    [InlineData("30 6 * * mon,WED,fri", 30)]
    [InlineData("15 10 * * sat,Sun", 30)]
    [InlineData("0 12 * * 0", 60)]
    [InlineData("0 12 * * 7", 60)]
    [InlineData("0 12 * * 5-7", 30)]
    [InlineData("0 12 * * 4-6", 30)]
    [InlineData("0 0 * * 6,7", 30)]
    [InlineData("0 0 1 */3 *", 730)]
    [InlineData("0 0 * 2 *", 400)]
    [InlineData("0 9 1 * 1", 60)]
    [InlineData("0 9 1-15 * mon-fri", 40)]
    [InlineData("0 0 13 * 5", 120)]
    [InlineData("0\t9  * *   1-5", 14)]
    [InlineData("@hourly", 3)]
    [InlineData("@daily", 40)]
    [InlineData("@midnight", 40)]
    [InlineData("@weekly", 60)]
    [InlineData("@monthly", 400)]
    [InlineData("@yearly", 1200)]
    [InlineData("@annually", 1200)]
    public void A_unix_cron_in_utc_fires_exactly_when_crontab_says(string cron, int days)
    {
        var from = Utc("2026-01-01T00:00:00Z");
        var to = from.AddDays(days);

        var expected = new UnixCronRule(cron).Instants(from, to, TimeZoneInfo.Utc);
        var actual = QuartzInstants(cron, TimeZoneInfo.Utc, from, to);

        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
    }

    [Theory]
    // Europe/Berlin: clocks go 02:00 → 03:00 on 2026-03-29 and 03:00 → 02:00 on 2026-10-25.
    [InlineData("0 9 * * 1-5", "Europe/Berlin", "2026-03-20", 20)]
    [InlineData("0 9 * * 1-5", "Europe/Berlin", "2026-10-18", 20)]
    [InlineData("45 23 * * *", "Europe/Berlin", "2026-03-25", 10)]
    [InlineData("0 */6 * * *", "Europe/Berlin", "2026-03-27", 5)]
    [InlineData("30 2 * * *", "Europe/Berlin", "2026-03-26", 6)]
    [InlineData("30 2 * * *", "Europe/Berlin", "2026-10-22", 6)]
    [InlineData("0 3 * * *", "Europe/Berlin", "2026-03-27", 4)]
    [InlineData("5,35 2 * * *", "Europe/Berlin", "2026-03-27", 4)]
    [InlineData("*/30 * * * *", "Europe/Berlin", "2026-03-28", 2)]
    [InlineData("*/30 * * * *", "Europe/Berlin", "2026-10-24", 2)]
    [InlineData("30 * * * *", "Europe/Berlin", "2026-10-24", 2)]
    [InlineData("*/30 2 * * *", "Europe/Berlin", "2026-10-24", 2)]
    [InlineData("*/30 2 * * *", "Europe/Berlin", "2026-03-28", 2)]
    [InlineData("15 * * * *", "America/New_York", "2026-03-07", 2)]
    // America/New_York: 02:00 → 03:00 on 2026-03-08 and 02:00 → 01:00 on 2026-11-01.
    [InlineData("0 2 * * *", "America/New_York", "2026-03-06", 4)]
    [InlineData("30 1 * * *", "America/New_York", "2026-10-30", 4)]
    [InlineData("0 8 * * sun", "America/New_York", "2026-02-20", 30)]
    // Australia/Sydney: the southern summer, clocks go back on 2026-04-05.
    [InlineData("0 2 * * *", "Australia/Sydney", "2026-04-02", 5)]
    public void A_cron_with_a_time_zone_follows_its_wall_clock_across_daylight_saving_changes(
        string cron,
        string zoneId,
        string fromDay,
        int days
    )
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var from = Utc(fromDay + "T00:00:00Z");
        var to = from.AddDays(days);

        var expected = new UnixCronRule(cron).Instants(from, to, zone);
        var actual = QuartzInstants(cron, zone, from, to);

        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void A_weekday_digest_in_berlin_moves_one_hour_earlier_in_utc_after_spring_forward()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

        var fires = QuartzInstants(
            "0 9 * * 1-5",
            zone,
            Utc("2026-03-27T00:00:00Z"),
            Utc("2026-03-31T00:00:00Z")
        );

        Assert.Equal([Utc("2026-03-27T08:00:00Z"), Utc("2026-03-30T07:00:00Z")], fires);
    }

    [Theory]
    [InlineData("0 9 */2 * 1", "*/2", "1")]
    [InlineData("0 9 1 * */2", "1", "*/2")]
    public void A_star_step_beside_a_restricted_day_field_is_refused_with_the_reason(
        string cron,
        string dom,
        string dow
    )
    {
        var translated = CronTranslator.Translate(cron, out var error);

        Assert.Null(translated);
        Assert.Equal(
            $"cron '{cron}' combines day-of-month '{dom}' and day-of-week '{dow}', which cron implementations "
                + "read differently: restrict one day field only, or write both without '*' (then a day matching either fires)",
            error
        );
    }

    [Theory]
    [InlineData("60 * * * *")]
    [InlineData("99 * * * *")]
    [InlineData("1,99 * * * *")]
    [InlineData("0 99 * * * ?")]
    [InlineData("* 24 * * *")]
    [InlineData("* * 32 * *")]
    [InlineData("* * * 13 *")]
    [InlineData("* * * * 8")]
    [InlineData("* * * foo *")]
    [InlineData("@every_minute")]
    [InlineData("* * * *")]
    public void An_invalid_cron_is_refused_with_a_message(string cron)
    {
        var translated = CronTranslator.Translate(cron, out var error);

        Assert.Null(translated);
        Assert.StartsWith(
            cron.StartsWith('@') ? $"unknown cron macro '{cron}'" : $"cron '{cron}' ",
            error
        );
    }

    [Fact]
    public void A_quartz_cron_with_seconds_passes_through_unchanged()
    {
        Assert.Equal(
            "0/10 * * ? * MON-FRI",
            CronTranslator.Translate("0/10 * * ? * MON-FRI", out _)
        );
        Assert.Equal("0/10 * * ? * MON-FRI", CronResolver.ToQuartz("0/10 * * ? * MON-FRI"));
    }
}
