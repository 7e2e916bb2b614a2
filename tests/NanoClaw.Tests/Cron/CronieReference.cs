using System.Globalization;

namespace NanoClaw.Tests.Cron;

/// <summary>
/// An independent reading of a 5-field crontab line, written from crontab(5) and from cronie's
/// daemon loop (src/cron.c), sharing no code with NanoClaw. It replays the daemon minute by
/// minute: each minute it compares the zone's wall clock with its "virtual" clock and, like cronie,
/// runs everything on a one-minute step, wildcard jobs plus every fixed-time job of each skipped
/// minute on a jump forward, and only wildcard jobs while the clock is behind. Runs that cronie starts
/// in the same minute get fire times one second apart, the landing minute's own run first (NanoClaw's
/// documented convention). Slow on purpose, with skips only where nothing can happen.
/// </summary>
internal sealed class CronieReference
{
    private static readonly string[] Months =
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

    private static readonly string[] Days = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    private readonly bool[] _minute = new bool[60];
    private readonly bool[] _hour = new bool[24];
    private readonly bool[] _dom = new bool[32];
    private readonly bool[] _month = new bool[13];
    private readonly bool[] _dow = new bool[8];
    private readonly bool _domStar;
    private readonly bool _dowStar;
    private readonly bool _wildcard;

    public CronieReference(string line)
    {
        var text = line.Trim() switch
        {
            "@yearly" or "@annually" => "0 0 1 1 *",
            "@monthly" => "0 0 1 * *",
            "@weekly" => "0 0 * * 0",
            "@daily" or "@midnight" => "0 0 * * *",
            "@hourly" => "0 * * * *",
            var other => other,
        };
        var f = text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        Fill(_minute, f[0], 0, 59, null);
        Fill(_hour, f[1], 0, 23, null);
        Fill(_dom, f[2], 1, 31, null);
        Fill(_month, f[3], 1, 12, Months);
        Fill(_dow, f[4], 0, 7, Days);
        if (_dow[7])
            _dow[0] = true;
        // crontab(5): a field is "*"-ish when its first character is '*'.
        _domStar = f[2][0] == '*';
        _dowStar = f[4][0] == '*';
        _wildcard = f[0][0] == '*' || f[1][0] == '*';
    }

    private bool DayMatches(DateTime t) =>
        _month[t.Month]
        && (
            _domStar || _dowStar
                ? _dom[t.Day] && _dow[(int)t.DayOfWeek]
                : _dom[t.Day] || _dow[(int)t.DayOfWeek]
        );

    private bool Matches(DateTime t) => _minute[t.Minute] && _hour[t.Hour] && DayMatches(t);

    /// <summary>The first <paramref name="count"/> fire times after <paramref name="after"/>, looking no further than <paramref name="horizon"/>.</summary>
    public List<DateTimeOffset> Next(
        TimeZoneInfo zone,
        DateTimeOffset after,
        int count,
        DateTimeOffset horizon
    )
    {
        var result = new List<DateTimeOffset>();
        // Start the daemon four hours early (longer than any clock change and its repeat), so it is
        // in step when it reaches 'after'.
        var utc = new DateTime(
            after.UtcDateTime.Ticks / TimeSpan.TicksPerMinute * TimeSpan.TicksPerMinute,
            DateTimeKind.Utc
        ).AddHours(-4);
        var virtualClock = Local(zone, utc);
        utc = utc.AddMinutes(1);
        while (utc < horizon.UtcDateTime && result.Count < count + 64)
        {
            var clock = Local(zone, utc);
            var diff = (long)(clock - virtualClock).TotalMinutes;
            var fired = new List<DateTime>();
            if (diff == 1)
            {
                if (Matches(clock))
                    fired.Add(clock);
                virtualClock = clock;
            }
            else if (diff > 5 && diff <= 180)
            {
                // Clocks went forward: wildcard jobs for the current minute, fixed-time jobs for every
                // minute passed over, the current one included.
                if (_wildcard && Matches(clock))
                    fired.Add(clock);
                if (!_wildcard && Matches(clock))
                    fired.Add(clock);
                for (var v = virtualClock.AddMinutes(1); v < clock; v = v.AddMinutes(1))
                {
                    if (!_wildcard && Matches(v))
                        fired.Add(v);
                }
                virtualClock = clock;
            }
            else if (diff <= 0 && diff >= -180)
            {
                // Clocks went back: wildcard jobs only, and virtual time waits to be caught up.
                if (_wildcard && Matches(clock))
                    fired.Add(clock);
            }
            else
            {
                throw new InvalidOperationException(
                    $"unexpected clock step of {diff} minutes at {utc:o}"
                );
            }
            for (var i = 0; i < fired.Count; i++)
            {
                var at = new DateTimeOffset(utc.AddSeconds(i), TimeSpan.Zero);
                if (at > after)
                    result.Add(at);
            }
            if (result.Count >= count)
                break;
            utc = Advance(zone, utc, clock, ref virtualClock);
        }
        result.Sort();
        return result.Take(count).ToList();
    }

    /// <summary>
    /// The next minute to look at: the next one, or, when the daemon is in step and the clock cannot
    /// change before the next day (or hour) that could match, the start of that day (or hour).
    /// </summary>
    private DateTime Advance(
        TimeZoneInfo zone,
        DateTime utc,
        DateTime clock,
        ref DateTime virtualClock
    )
    {
        var next = utc.AddMinutes(1);
        if (virtualClock != clock)
            return next;
        DateTime skipTo;
        if (!DayMatches(clock))
            skipTo = clock.Date.AddDays(1);
        else if (!_hour[clock.Hour])
            skipTo = clock.Date.AddHours(clock.Hour + 1);
        else
            return next;
        var offset = Offset(zone, utc);
        var target = skipTo - offset;
        // Only when the offset is the same on both sides and a little beyond: no change in between.
        if (
            target <= next
            || zone.GetUtcOffset(DateTime.SpecifyKind(target.AddHours(4), DateTimeKind.Utc))
                != offset
        )
            return next;
        var probe = DateTime.SpecifyKind(target.AddMinutes(-1), DateTimeKind.Utc);
        virtualClock = Local(zone, probe);
        return DateTime.SpecifyKind(target, DateTimeKind.Utc);
    }

    private long _block = long.MinValue;
    private TimeSpan _offset;

    /// <summary>The zone's offset, looked up once per quarter hour: the zones tested change only on quarter hours.</summary>
    private TimeSpan Offset(TimeZoneInfo zone, DateTime utc)
    {
        var block = utc.Ticks / (15 * TimeSpan.TicksPerMinute);
        if (block != _block)
        {
            _offset = zone.GetUtcOffset(
                new DateTime(block * 15 * TimeSpan.TicksPerMinute, DateTimeKind.Utc)
            );
            _block = block;
        }
        return _offset;
    }

    private DateTime Local(TimeZoneInfo zone, DateTime utc) =>
        new((utc + Offset(zone, utc)).Ticks, DateTimeKind.Unspecified);

    private static void Fill(bool[] set, string field, int min, int max, string[]? names)
    {
        foreach (var part in field.Split(','))
        {
            var pieces = part.Split('/');
            var step = pieces.Length == 2 ? int.Parse(pieces[1], CultureInfo.InvariantCulture) : 1;
            int low,
                high;
            if (pieces[0] == "*")
                (low, high) = (min, max);
            else if (pieces[0].Split('-') is [var a, var b])
            {
                low = Number(a, min, names);
                high = Number(b, min, names);
                if (low > high && high == 0)
                    high = 7;
            }
            else
                low = high = Number(pieces[0], min, names);
            for (var v = low; v <= high; v += step)
                set[v] = true;
        }
    }

    private static int Number(string text, int min, string[]? names)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            return n;
        var i = Array.IndexOf(names!, text.ToLowerInvariant());
        return i + (min == 0 ? 0 : 1);
    }
}
