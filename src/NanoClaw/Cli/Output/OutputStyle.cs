using System.CommandLine;

namespace NanoClaw.Cli.Output;

/// <summary>
/// How output for people looks in this process: the zone times are shown in (the local zone, or UTC
/// with <c>--utc</c>), and whether status words are coloured (a terminal only, never with
/// <c>NO_COLOR</c> set or <c>TERM=dumb</c>). One CLI process prints for one reader, so it is set
/// once, when the command line is parsed.
/// </summary>
internal static class OutputStyle
{
    /// <summary>On every command: times in UTC instead of the local zone.</summary>
    public static readonly Option<bool> UtcOption = CreateUtcOption();

    public static TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Local;

    /// <summary>The zone's name as the output states it: <c>UTC</c>, or the IANA id of the local zone.</summary>
    public static string ZoneName => ZoneNameOf(Zone);

    public static bool UseColour { get; } = DetectColour();

    public static string ZoneNameOf(TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return zone.BaseUtcOffset == TimeSpan.Zero && !zone.SupportsDaylightSavingTime
            ? "UTC"
            : zone.Id;
    }

    private static Option<bool> CreateUtcOption()
    {
        var option = new Option<bool>("--utc")
        {
            Description = "Show times in UTC instead of the local zone.",
            Recursive = true,
        };
        // The parse is the one place every command passes through; the choice holds for the process.
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<bool>())
                Zone = TimeZoneInfo.Utc;
        });
        return option;
    }

    private static bool DetectColour() =>
        string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"))
        && Environment.GetEnvironmentVariable("TERM") is not (null or "" or "dumb")
        && !Console.IsOutputRedirected;
}
