using System.Globalization;

namespace NanoClaw.Cli.Output;

/// <summary>How values look in output read by people.</summary>
internal static class Display
{
    /// <summary>A time in the output's zone (<see cref="OutputStyle"/>), which a table names in its header.</summary>
    public static string Time(DateTimeOffset? time) =>
        time is { } t
            ? TimeZoneInfo
                .ConvertTime(t, OutputStyle.Zone)
                .ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
            : "-";

    /// <summary>A time with its zone named, for output that is not a table.</summary>
    public static string TimeWithZone(DateTimeOffset? time) =>
        time is null ? "-" : $"{Time(time)} {OutputStyle.ZoneName}";

    /// <summary>A table column of times, named with the zone they are shown in: <c>STARTED (UTC)</c>.</summary>
    public static string TimeHeader(string name) => $"{name} ({OutputStyle.ZoneName})";

    public static string Duration(long? milliseconds) =>
        milliseconds switch
        {
            null => "-",
            < 1000 => $"{milliseconds} ms",
            < 60_000 => (milliseconds.Value / 1000.0).ToString(
                "0.0 's'",
                CultureInfo.InvariantCulture
            ),
            _ => TimeSpan
                .FromMilliseconds(milliseconds.Value)
                .ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture),
        };

    public static string Lower<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();

    /// <summary>
    /// A task's state with what holds it: <c>paused</c> (its own pause), <c>paused (group)</c>,
    /// <c>paused (task, group)</c>, or the state as the daemon gave it.
    /// </summary>
    public static string TaskState(string state, bool taskPaused, bool groupPaused) =>
        (taskPaused, groupPaused) switch
        {
            (true, true) => "paused (task, group)",
            (true, false) => "paused",
            (false, true) => "paused (group)",
            _ => state,
        };

    public static string OrDash(string? value) => string.IsNullOrEmpty(value) ? "-" : value;
}
