using System.Globalization;

namespace NanoClaw.Tests.Cron;

/// <summary>
/// Seeded random 5-field crontab lines of every shape crontab(5) allows: lists, ranges, steps,
/// names, whole-week day fields, restricted and unrestricted day fields, hours near clock changes.
/// </summary>
internal sealed class CronExpressionGenerator(int seed)
{
    private static readonly string[] MonthNames =
    [
        "JAN",
        "FEB",
        "MAR",
        "APR",
        "MAY",
        "JUN",
        "JUL",
        "AUG",
        "SEP",
        "OCT",
        "NOV",
        "DEC",
    ];

    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    private readonly Random _random = new(seed);

    public string Next() =>
        string.Join(
            ' ',
            Field(0, 59, null, star: 0.25, focus: [0, 15, 30, 45, 59]),
            Field(0, 23, null, star: 0.3, focus: [0, 1, 2, 3, 23]),
            _random.NextDouble() < 0.6
                ? "*"
                : Field(1, 31, null, star: 0.2, focus: [1, 29, 30, 31]),
            _random.NextDouble() < 0.7
                ? "*"
                : Field(1, 12, MonthNames, star: 0.2, focus: [2, 3, 10, 11]),
            DayOfWeek()
        );

    private string DayOfWeek() =>
        _random.Next(10) switch
        {
            < 5 => "*",
            5 => _random.Next(5) switch
            {
                0 => "0-6",
                1 => "0-7",
                2 => "1-7",
                3 => "1,0-6",
                _ => "FRI-SUN",
            },
            _ => Field(0, 7, DayNames, star: 0.15, focus: [0, 6, 7]),
        };

    private string Field(int min, int max, string[]? names, double star, int[] focus)
    {
        if (_random.NextDouble() < star)
            return _random.Next(3) == 0 ? $"*/{_random.Next(1, max - min + 2)}" : "*";
        var items = _random.Next(1, 4);
        return string.Join(
            ',',
            Enumerable.Range(0, items).Select(_ => Item(min, max, names, focus))
        );
    }

    private string Item(int min, int max, string[]? names, int[] focus)
    {
        var a = Value(min, max, focus);
        switch (_random.Next(4))
        {
            case 0:
            case 1:
                return Write(a, min, names);
            case 2:
            {
                var b = Value(min, max, focus);
                var (low, high) = a <= b ? (a, b) : (b, a);
                return $"{Write(low, min, names)}-{Write(high, min, names)}";
            }
            default:
            {
                var b = Value(min, max, focus);
                var (low, high) = a <= b ? (a, b) : (b, a);
                return $"{low}-{high}/{_random.Next(1, Math.Max(2, high - low + 1))}";
            }
        }
    }

    private int Value(int min, int max, int[] focus) =>
        _random.NextDouble() < 0.5 ? focus[_random.Next(focus.Length)] : _random.Next(min, max + 1);

    private string Write(int value, int min, string[]? names)
    {
        if (names is not null && _random.Next(3) == 0)
            return names[(value - (min == 0 ? 0 : 1)) % names.Length];
        return value.ToString(CultureInfo.InvariantCulture);
    }
}
