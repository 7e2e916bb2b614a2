using System.Globalization;

namespace NanoClaw.Tests.Jobs;

/// <summary>
/// A deliberately plain reading of a 5-field crontab line (as crontab(5) defines it), written apart
/// from the code under test so the instants it gives can be compared with Quartz's. Slow on
/// purpose: it answers one minute at a time.
/// </summary>
internal sealed class UnixCronRule
{
    private static readonly Dictionary<string, string> Macros = new(StringComparer.Ordinal)
    {
        ["@yearly"] = "0 0 1 1 *",
        ["@annually"] = "0 0 1 1 *",
        ["@monthly"] = "0 0 1 * *",
        ["@weekly"] = "0 0 * * 0",
        ["@daily"] = "0 0 * * *",
        ["@midnight"] = "0 0 * * *",
        ["@hourly"] = "0 * * * *",
    };

    private static readonly string[] MonthNames =
    [
        "jan",
        "feb",
        "mar",
        "apr",
        "may",
        "jun",
        "jul",
        "aug",
        "sep",
        "oct",
        "nov",
        "dec",
    ];

    private static readonly string[] DayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    private readonly bool[] _minutes;
    private readonly bool[] _hours;
    private readonly bool[] _daysOfMonth;
    private readonly bool[] _months;
    private readonly bool[] _daysOfWeek;

    // crontab(5): when both day fields are restricted (neither starts with '*'), a day matching
    // EITHER one fires; otherwise both must match.
    private readonly bool _eitherDay;

    // Vixie cron's "wildcard" jobs (minute or hour field starting with '*') are told apart from
    // fixed-time jobs when the clocks change.
    private readonly bool _isWildcard;

    public UnixCronRule(string line)
    {
        var text = Macros.GetValueOrDefault(line.Trim(), line);
        var fields = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 5)
            throw new ArgumentException($"not a 5-field line: {line}");
        _minutes = Field(fields[0], 0, 59, []);
        _hours = Field(fields[1], 0, 23, []);
        _daysOfMonth = Field(fields[2], 1, 31, []);
        _months = Field(fields[3], 1, 12, MonthNames);
        var daysOfWeek = Field(fields[4], 0, 7, DayNames);
        daysOfWeek[0] |= daysOfWeek[7];
        _daysOfWeek = daysOfWeek;
        _eitherDay = !fields[2].StartsWith('*') && !fields[4].StartsWith('*');
        _isWildcard = fields[0].StartsWith('*') || fields[1].StartsWith('*');
    }

    public bool Matches(DateTime wallClock)
    {
        if (!_minutes[wallClock.Minute] || !_hours[wallClock.Hour] || !_months[wallClock.Month])
            return false;
        var dom = _daysOfMonth[wallClock.Day];
        var dow = _daysOfWeek[(int)wallClock.DayOfWeek];
        return _eitherDay ? dom || dow : dom && dow;
    }

    /// <summary>
    /// Every instant in [<paramref name="from"/>, <paramref name="to"/>) the line fires at in
    /// <paramref name="zone"/>, walking real time minute by minute. Around daylight saving changes it
    /// follows Vixie cron: a fixed time the clocks skip fires once, when they jump, and a fixed time
    /// they repeat fires only the first time; a wildcard job just runs on the clock as it reads.
    /// </summary>
    public List<DateTimeOffset> Instants(DateTimeOffset from, DateTimeOffset to, TimeZoneInfo zone)
    {
        var result = new SortedSet<DateTimeOffset>();
        var previous = TimeZoneInfo.ConvertTimeFromUtc(from.UtcDateTime.AddMinutes(-1), zone);
        for (var instant = from; instant < to; instant = instant.AddMinutes(1))
        {
            var wall = TimeZoneInfo.ConvertTimeFromUtc(instant.UtcDateTime, zone);
            var isRepeat =
                zone.IsAmbiguousTime(wall)
                && zone.GetUtcOffset(instant) != zone.GetAmbiguousTimeOffsets(wall).Max();
            if (Matches(wall) && (!isRepeat || _isWildcard))
                result.Add(instant);
            // The clocks jumped forward: the readings they skipped fire once, now.
            for (
                var skipped = previous.AddMinutes(1);
                skipped < wall;
                skipped = skipped.AddMinutes(1)
            )
            {
                if (Matches(skipped))
                    result.Add(instant);
            }
            previous = wall;
        }
        return [.. result];
    }

    private static bool[] Field(string field, int min, int max, string[] names)
    {
        var set = new bool[max + 1];
        foreach (var part in field.Split(','))
        {
            var (range, step) = part.Split('/') is [var r, var s]
                ? (r, int.Parse(s, CultureInfo.InvariantCulture))
                : (part, 1);
            var (low, high) = range switch
            {
                "*" => (min, max),
                _ when range.Split('-') is [var a, var b] => (
                    Value(a, min, names),
                    Value(b, min, names)
                ),
                _ => (Value(range, min, names), Value(range, min, names)),
            };
            if (step > 1 && range != "*" && !range.Contains('-', StringComparison.Ordinal))
                high = max;
            for (var value = low; value <= high; value += step)
                set[value] = true;
        }
        return set;
    }

    private static int Value(string text, int min, string[] names)
    {
        var named = Array.IndexOf(names, text.ToLowerInvariant());
        return named >= 0
            ? named + (names.Length == 12 ? 1 : 0)
            : int.Parse(text, CultureInfo.InvariantCulture);
    }
}
