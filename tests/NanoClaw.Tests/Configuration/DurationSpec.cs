using NanoClaw.Cli;
using NanoClaw.Configuration;
using NanoClaw.Jobs.Loading;

namespace NanoClaw.Tests.Configuration;

/// <summary>A duration means the same in settings, in the jobs file and on the command line.</summary>
public sealed class DurationSpec
{
    public static TheoryData<string, bool> Inputs =>
        new()
        {
            { "00:10:00", true },
            { "1.00:00:00", true },
            { "00:00:01.5", true },
            { " 00:10:00 ", true },
            { "23:59:59", true },
            { "600", false },
            { "10", false },
            { "30m", false },
            { "10:00", false },
            { "25:00:00", false },
            { "00:60:00", false },
            { "1:2:3", false },
            { "-00:01:00", false },
            { "00:00:00", false },
            { "0", false },
            { "1.2:00:00:00", false },
            { "99999999999.00:00:00", false },
            { "", false },
            { "P1D", false },
            { "00:10:00junk", false },
        };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Settings_the_jobs_file_and_CLI_options_accept_and_refuse_the_same_text(
        string text,
        bool accepted
    )
    {
        var setting =
            SettingValue.Problem(typeof(TimeSpan), text) is null
            && DurationText.Bounds(text, Parsed(text), TimeSpan.FromSeconds(1), null) is null;
        var jobs = JobsFileLoader
            .Parse(
                $$$"""{"groups":{"main":{"isMain":true,"timeout":"{{{text}}}"}},"tasks":[]}""",
                "jobs.json"
            )
            .IsValid;
        var cli =
            CliParsing
                .Parse(
                    NanoClawCli.Create(new CliContext([])),
                    ["exec", "--group", "main", "--timeout", text, "--", "true"]
                )
                .Errors.Count == 0;

        Assert.Equal(accepted, setting);
        Assert.Equal(accepted, jobs);
        Assert.Equal(accepted, cli);
    }

    [Fact]
    public void A_bare_number_is_refused_with_an_example_of_what_to_write()
    {
        var parse = CliParsing.Parse(
            NanoClawCli.Create(new CliContext([])),
            ["exec", "--group", "main", "--timeout", "600", "--", "true"]
        );

        Assert.Equal(
            "--timeout: '600' is not a duration; use hh:mm:ss, e.g. 00:10:00, or d.hh:mm:ss for a day or more.",
            Assert.Single(parse.Errors).Message
        );
    }

    [Fact]
    public void Timeouts_beyond_what_a_timer_can_wait_are_refused_everywhere()
    {
        var tooLong = "50.00:00:00";

        var settings = NanoClawOptionsValidator.Check(
            new NanoClawOptions { DefaultTimeout = TimeSpan.FromDays(50) }
        );
        var jobs = JobsFileLoader.Parse(
            $$$"""{"groups":{"main":{"isMain":true,"timeout":"{{{tooLong}}}"}},"tasks":[]}""",
            "jobs.json"
        );
        var cli = CliParsing.Parse(
            NanoClawCli.Create(new CliContext([])),
            ["exec", "--group", "main", "--timeout", tooLong, "--", "true"]
        );

        Assert.Contains(
            settings,
            p =>
                p.StartsWith(
                    "NanoClaw:DefaultTimeout: must be at most 49.00:00:00",
                    StringComparison.Ordinal
                )
        );
        Assert.Contains(
            "must be at most 49.00:00:00",
            Assert.Single(jobs.Problems).ToString(),
            StringComparison.Ordinal
        );
        Assert.Equal(
            "--timeout: '50.00:00:00' is too long; use at most 49.00:00:00.",
            Assert.Single(cli.Errors).Message
        );
    }

    [Fact]
    public void Zero_may_be_written_bare_where_zero_means_none()
    {
        Assert.Null(SettingValue.Problem(typeof(TimeSpan), "0"));
        Assert.True(DurationText.TryParse("0", out var zero, out _));
        Assert.Equal(TimeSpan.Zero, zero);
        Assert.False(DurationText.TryParse("00", out _, out _));
    }

    private static TimeSpan Parsed(string text) =>
        DurationText.TryParse(text, out var value, out _) ? value : TimeSpan.Zero;
}
