using System.Globalization;

namespace NanoClaw.Jobs;

/// <summary>
/// Checks that every number in a cron's fields is in its field's range. Quartz's parser lets some
/// out-of-range values through (<c>99</c> in the minutes is read as "every minute"), so a typo would
/// silently schedule something else; this catches them before Quartz sees the expression.
/// </summary>
internal static class CronFieldRanges
{
    private static readonly (string Name, int Min, int Max)[] Unix =
    [
        ("minute", 0, 59),
        ("hour", 0, 23),
        ("day-of-month", 1, 31),
        ("month", 1, 12),
        ("day-of-week", 0, 7),
    ];

    private static readonly (string Name, int Min, int Max)[] Quartz =
    [
        ("second", 0, 59),
        ("minute", 0, 59),
        ("hour", 0, 23),
        ("day-of-month", 1, 31),
        ("month", 1, 12),
        ("day-of-week", 1, 7),
        ("year", 1970, 2199),
    ];

    /// <returns>Null when every number is in range, else what is out of range and where.</returns>
    public static string? Check(IReadOnlyList<string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var ranges = fields.Count == 5 ? Unix : Quartz;
        for (var i = 0; i < fields.Count && i < ranges.Length; i++)
        {
            var (name, min, max) = ranges[i];
            foreach (var item in fields[i].Split(','))
            {
                // Only the values are ranged: a step after '/' counts positions, an 'L-3' offset days.
                var values = item.Split('/')[0].Split('-', '#');
                foreach (var value in values.Where(v => v.Length > 0 && v.All(char.IsAsciiDigit)))
                {
                    if (
                        !int.TryParse(
                            value,
                            NumberStyles.None,
                            CultureInfo.InvariantCulture,
                            out var number
                        )
                        || number < min
                        || number > max
                    )
                        return $"{name} value '{value}' is out of range {min}-{max}";
                }
            }
        }
        return null;
    }
}
