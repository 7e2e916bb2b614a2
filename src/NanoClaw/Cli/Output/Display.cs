using System.Globalization;

namespace NanoClaw.Cli.Output;

/// <summary>How values look in output read by people.</summary>
internal static class Display
{
    public static string Time(DateTimeOffset? time) =>
        time is { } t
            ? t.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
            : "-";

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

    public static string OrDash(string? value) => string.IsNullOrEmpty(value) ? "-" : value;
}
