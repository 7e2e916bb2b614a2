using System.Globalization;

namespace NanoClaw.Jobs.Cron;

/// <summary>Says why a set of months and days of the month never makes a date (February 30, …).</summary>
internal static class ImpossibleDates
{
    /// <returns>Null when some month has some of the days (February counts 29, for leap years).</returns>
    public static string? Reason(ulong months, ulong days)
    {
        var monthList = Enumerable.Range(1, 12).Where(m => (months & (1UL << m)) != 0).ToList();
        var dayList = Enumerable.Range(1, 31).Where(d => (days & (1UL << d)) != 0).ToList();
        if (monthList.Count == 0 || dayList.Count == 0)
            return null;
        if (monthList.Any(m => dayList.Any(d => d <= DateTime.DaysInMonth(2024, m))))
            return null;
        var names = monthList
            .Select(m => CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(m))
            .ToList();
        var daysText = Join(
            [.. dayList.Select(d => d.ToString(CultureInfo.InvariantCulture))],
            "and"
        );
        var verb = dayList.Count == 1 ? "occurs" : "occur";
        return names.Count == 1
            ? $"{names[0]} {daysText} never {verb}"
            : $"day {daysText} never {verb} in {Join(names, "or")}";
    }

    private static string Join(List<string> items, string last) =>
        items.Count == 1
            ? items[0]
            : $"{string.Join(", ", items.Take(items.Count - 1))} {last} {items[^1]}";
}
