using NanoClaw.Jobs.Cron;

namespace NanoClaw.Tests.Cron;

/// <summary>Every refused expression gets a message in cron terms that names the field and the text.</summary>
public sealed class CronErrorsSpec
{
    [Theory]
    [InlineData("5- * * * *", "minute field '5-': range has no end")]
    [InlineData("-5 * * * *", "minute field '-5': range has no start")]
    [InlineData("H * * * *", "minute field 'H': 'H' is not a number")]
    [InlineData("1-31/0 * * * *", "minute field '1-31/0': a step of 0 never advances")]
    [InlineData("*/0 * * * *", "minute field '*/0': a step of 0 never advances")]
    [InlineData("*/ * * * *", "minute field '*/': the step after '/' has no number")]
    [InlineData(
        "/5 * * * *",
        "minute field '/5': the step '/5' has no range before it (write '*/5')"
    )]
    [InlineData(
        "5/15 * * * *",
        "minute field '5/15': a step follows a range or '*', not a single value (write '5-59/15')"
    )]
    [InlineData("1,,2 * * * *", "minute field '1,,2': the list has an empty item")]
    [InlineData("1, * * * *", "minute field '1,': the list has an empty item")]
    [InlineData("60 * * * *", "minute field '60': value 60 is out of range 0-59")]
    [InlineData("* 24 * * *", "hour field '24': value 24 is out of range 0-23")]
    [InlineData(
        "5-2 * * * *",
        "minute field '5-2': range '5-2' runs backwards; cron ranges do not wrap around (write '5-59,0-2')"
    )]
    [InlineData(
        "* 22-2 * * *",
        "hour field '22-2': range '22-2' runs backwards; cron ranges do not wrap around (write '22-23,0-2')"
    )]
    [InlineData(
        "* * * * FRI-MON",
        "day-of-week field 'FRI-MON': range 'FRI-MON' runs backwards; cron ranges do not wrap around (write 'FRI-SAT,SUN-MON')"
    )]
    [InlineData(
        "* * * DEC-FEB *",
        "month field 'DEC-FEB': range 'DEC-FEB' runs backwards; cron ranges do not wrap around (write 'DEC-DEC,JAN-FEB')"
    )]
    [InlineData("* * 0 * *", "day-of-month field '0': value 0 is out of range 1-31")]
    [InlineData("* * * 13 *", "month field '13': value 13 is out of range 1-12")]
    [InlineData("* * * * 8", "day-of-week field '8': value 8 is out of range 0-7")]
    [InlineData("* * * JANUARY *", "month field 'JANUARY': names are three letters (write 'JAN')")]
    [InlineData(
        "* * * * MONDAY",
        "day-of-week field 'MONDAY': names are three letters (write 'MON')"
    )]
    [InlineData(
        "* * * foo *",
        "month field 'foo': 'foo' is not a number or a month name (JAN-DEC)"
    )]
    [InlineData(
        "* * * * 1,xyz",
        "day-of-week field '1,xyz': 'xyz' is not a number or a day name (SUN-SAT)"
    )]
    [InlineData(
        "* * L * *",
        "day-of-month field 'L': 'L' is Quartz syntax, which a 5-field crontab line does not have (write a 6-field Quartz cron, with seconds, to use it)"
    )]
    [InlineData(
        "* * ? * *",
        "day-of-month field '?': '?' is Quartz syntax, which a 5-field crontab line does not have (write a 6-field Quartz cron, with seconds, to use it)"
    )]
    [InlineData(
        "* * * * 5#2",
        "day-of-week field '5#2': '5#2' is Quartz syntax, which a 5-field crontab line does not have (write a 6-field Quartz cron, with seconds, to use it)"
    )]
    [InlineData("0~30 * * * *", "minute field '0~30': random values ('~') are not supported")]
    [InlineData(
        "1-2-3 * * * *",
        "minute field '1-2-3': '1-2-3' is not a range (one '-' between two values)"
    )]
    [InlineData("0 0 31 2 *", "never fires: February 31 never occurs")]
    [InlineData("0 0 30,31 FEB *", "never fires: February 30 and 31 never occur")]
    [InlineData(
        "0 0 31 4,6,9,11 *",
        "never fires: day 31 never occurs in April, June, September or November"
    )]
    [InlineData("0 0 30-31 2 *", "never fires: February 30 and 31 never occur")]
    [InlineData(
        "@reboot",
        "@reboot is not supported: a daemon cannot tell a boot from its own restart (use 'once', or trigger the task from a boot script)"
    )]
    [InlineData(
        "@every_minute",
        "unknown alias '@every_minute' (use one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly)"
    )]
    [InlineData(
        "* * * *",
        "has 4 fields: use 5 (min hour day-of-month month day-of-week) or 6-7 (Quartz, with seconds first)"
    )]
    [InlineData(
        "* * * * * * * *",
        "has 8 fields: use 5 (min hour day-of-month month day-of-week) or 6-7 (Quartz, with seconds first)"
    )]
    [InlineData("   ", "is empty")]
    [InlineData("0 99 * * * ?", "minute field '99': value 99 is out of range 0-59")]
    [InlineData("0 0 0 31 2 ?", "never fires: February 31 never occurs")]
    [InlineData("0 0 0 30,31 FEB ?", "never fires: February 30 and 31 never occur")]
    [InlineData(
        "0 0 22-2 * * ?",
        "hour field '22-2': range '22-2' runs backwards; ranges do not wrap around (write two ranges)"
    )]
    [InlineData(
        "0 0 0 ? * FRI-MON",
        "day-of-week field 'FRI-MON': range 'FRI-MON' runs backwards; ranges do not wrap around (write two ranges)"
    )]
    [InlineData("0 0/0 * * * ?", "minute field '0/0': a step of 0 never advances")]
    [InlineData("0 1,,2 * * * ?", "minute field '1,,2': the list has an empty item")]
    [InlineData(
        "0 0 0 ? JANUARY *",
        "month field 'JANUARY': names are three letters (write 'JAN')"
    )]
    [InlineData(
        "0 0 0 ? * MON#6",
        "day-of-week field 'MON#6': the week day's number in the month is 1-5"
    )]
    [InlineData("0 0 0 * * ? 1969", "year field '1969': value 1969 is out of range 1970-2199")]
    public void A_bad_cron_is_refused_naming_the_field_and_the_text(string cron, string reason)
    {
        var parsed = TaskCron.TryParse(cron, out var error);

        Assert.Null(parsed);
        Assert.Equal($"cron '{cron.Trim()}': {reason}", error);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Parameter", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0 9 * * 1-5")]
    [InlineData("0\t9  * *   1-5")]
    [InlineData("*/15 * * * *")]
    [InlineData("0 9 1 * 0-7")]
    [InlineData("0 0 29 2 *")]
    [InlineData("0 0 31 2 MON")]
    [InlineData("0 0 * * FRI-SUN")]
    [InlineData("0 0 * jan-Mar sun")]
    [InlineData("@Daily")]
    [InlineData("0/10 * * ? * MON-FRI")]
    [InlineData("0 15 10 L * ?")]
    [InlineData("0 15 10 ? * 6#3")]
    [InlineData("0 0 12 ? * MON 2030")]
    public void A_valid_cron_is_read(string cron)
    {
        Assert.NotNull(TaskCron.TryParse(cron, out var error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("0 0 9 ? * 2-6", "MON-FRI", "TUE-SAT")]
    [InlineData("0 0 9 ? * 1", "SUN", "MON")]
    [InlineData("0 0 9 ? * 2#1", "MON#1", "TUE#1")]
    public void A_quartz_cron_with_numbered_week_days_warns_that_the_unix_reading_differs(
        string cron,
        string quartz,
        string unix
    )
    {
        var parsed = TaskCron.Parse(cron);

        Assert.Equal(
            $"cron '{cron}': day-of-week '{cron.Split(' ')[5]}' uses Quartz numbers (1 = Sunday), so it means {quartz}; "
                + $"under the seconds + Unix reading (1 = Monday) the same text would mean {unix}: write day names ({quartz}) to say which",
            parsed.Warning
        );
    }

    [Theory]
    [InlineData("0 0 9 ? * MON-FRI")]
    [InlineData("0 0 9 * * ?")]
    [InlineData("0 9 * * 1-5")]
    public void A_cron_without_numbered_quartz_week_days_has_no_warning(string cron)
    {
        Assert.Null(TaskCron.Parse(cron).Warning);
    }
}
