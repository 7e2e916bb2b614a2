using System.Globalization;
using System.Text.RegularExpressions;
using Quartz;

namespace NanoClaw.Jobs.Cron;

/// <summary>
/// Checks a 6/7-field Quartz expression (seconds first, 1 = Sunday) before Quartz reads it: Quartz
/// lets some mistakes through (a reversed range wraps, <c>99</c> minutes reads as every minute) and
/// words others in .NET terms. Errors name the field, as for 5-field lines.
/// </summary>
internal static partial class QuartzCronCheck
{
    private static readonly CronField[] Fields =
    [
        CronField.Second,
        CronField.Minute,
        CronField.Hour,
        CronField.DayOfMonth,
        CronField.Month,
        CronField.QuartzDayOfWeek,
        CronField.Year,
    ];

    private static readonly DateTimeOffset Epoch = new(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <returns>The expression as Quartz will read it.</returns>
    public static string Check(IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            foreach (var item in fields[i].Split(','))
                CheckItem(item, fields[i], Fields[i]);
        }
        var text = string.Join(' ', fields);
        CronExpression expression;
        try
        {
            expression = new CronExpression(text, TimeZoneInfo.Utc);
        }
        catch (FormatException ex)
        {
            throw new CronSyntaxException($"not a valid Quartz expression: {ex.Message}");
        }
        catch (ArgumentException)
        {
            throw new CronSyntaxException("not a valid Quartz expression");
        }
        if (expression.GetNextValidTimeAfter(Epoch) is null)
            throw new CronSyntaxException($"never fires: {NeverFiresReason(fields)}");
        return expression.CronExpressionString;
    }

    /// <summary>
    /// Numbers in the day-of-week field mean other days under the seconds + Unix reading some tools
    /// use (1 = Monday): say so, with both readings spelled out.
    /// </summary>
    public static string? DayOfWeekWarning(IReadOnlyList<string> fields)
    {
        var dow = fields[5];
        if (!DayNumber().IsMatch(dow))
            return null;
        var quartz = DayNumber()
            .Replace(dow, m => Day(int.Parse(m.Value, CultureInfo.InvariantCulture) - 1));
        var unix = DayNumber()
            .Replace(dow, m => Day(int.Parse(m.Value, CultureInfo.InvariantCulture)));
        return $"day-of-week '{dow}' uses Quartz numbers (1 = Sunday), so it means {quartz}; "
            + $"under the seconds + Unix reading (1 = Monday) the same text would mean {unix}: write day names ({quartz}) to say which";
    }

    private static string Day(int index) => CronField.DayOfWeek.Names[((index % 7) + 7) % 7];

    private static void CheckItem(string item, string text, CronField field)
    {
        if (item.Length == 0)
            throw Error(text, field, "the list has an empty item");
        var slash = item.IndexOf('/', StringComparison.Ordinal);
        var range = slash < 0 ? item : item[..slash];
        if (slash >= 0)
        {
            var step = item[(slash + 1)..];
            if (range.Length == 0)
                throw Error(
                    text,
                    field,
                    $"the step '{item}' has no start before it (write '*{item}')"
                );
            if (step.Length == 0 || !step.All(char.IsAsciiDigit))
                throw Error(text, field, $"the step '{step}' is not a number");
            if (step.TrimStart('0').Length == 0)
                throw Error(text, field, "a step of 0 never advances");
        }
        if (range is "*" or "?")
            return;
        if (
            field == CronField.DayOfMonth
            && DayOfMonthSpecial().Match(range) is { Success: true } dom
        )
        {
            range = dom.Groups["n"].Success ? dom.Groups["n"].Value : "";
            if (range.Length == 0)
                return;
        }
        if (
            field == CronField.QuartzDayOfWeek
            && DayOfWeekSpecial().Match(range) is { Success: true } dow
        )
        {
            if (
                dow.Groups["k"].Success
                && dow.Groups["k"].Value is not ("1" or "2" or "3" or "4" or "5")
            )
                throw Error(
                    text,
                    field,
                    $"{(range == text ? "" : $"'{range}': ")}the week day's number in the month is 1-5"
                );
            range = dow.Groups["d"].Value;
            if (range.Length == 0)
                return;
        }
        var parts = range.Split('-');
        if (parts.Length > 2)
            throw Error(text, field, $"'{range}' is not a range (one '-' between two values)");
        if (parts[0].Length == 0)
            throw Error(text, field, "range has no start");
        if (parts.Length == 2 && parts[1].Length == 0)
            throw Error(text, field, "range has no end");
        var values = parts.Select(p => Value(p, text, field)).ToList();
        if (values.Count == 2 && values[0] > values[1])
            throw Error(
                text,
                field,
                $"range '{range}' runs backwards; ranges do not wrap around (write two ranges)"
            );
    }

    private static int Value(string part, string text, CronField field)
    {
        if (part.All(char.IsAsciiDigit))
        {
            if (
                !int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                || n < field.Min
                || n > field.Max
            )
                throw Error(text, field, $"value {part} is out of range {field.Min}-{field.Max}");
            return n;
        }
        if (field.ValueOfName(part) is { } named)
            return named;
        if (field.Names.Count > 0 && part.Length > 3 && field.ValueOfName(part[..3]) is not null)
            throw Error(
                text,
                field,
                $"{(part == text ? "" : $"'{part}': ")}names are three letters (write '{part[..3].ToUpperInvariant()}')"
            );
        throw Error(
            text,
            field,
            field.Names.Count == 0
                ? $"'{part}' is not a number"
                : $"'{part}' is not a number or a name ({field.Names[0]}-{field.Names[^1]})"
        );
    }

    private static string NeverFiresReason(IReadOnlyList<string> fields)
    {
        try
        {
            var days = CrontabFieldParser.Parse(fields[3], CronField.DayOfMonth);
            var months = CrontabFieldParser.Parse(fields[4], CronField.Month);
            if (ImpossibleDates.Reason(months, days) is { } reason)
                return reason;
        }
        catch (CronSyntaxException)
        {
            // Quartz-only syntax in those fields: fall back to the general reason.
        }
        return "no date matches its fields";
    }

    private static CronSyntaxException Error(string text, CronField field, string reason) =>
        new($"{field.Name} field '{text}': {reason}");

    [GeneratedRegex(@"\A(L(-(?<n>[0-9]+))?|LW|(?<n>[0-9]+)W)\z")]
    private static partial Regex DayOfMonthSpecial();

    [GeneratedRegex(@"\A(L|(?<d>[0-9A-Za-z]+)L|(?<d>[0-9A-Za-z]+)#(?<k>[0-9]+))\z")]
    private static partial Regex DayOfWeekSpecial();

    // A day number, not the week-in-month after '#' nor a step after '/'.
    [GeneratedRegex(@"(?<![#/0-9])[0-9]+")]
    private static partial Regex DayNumber();
}
