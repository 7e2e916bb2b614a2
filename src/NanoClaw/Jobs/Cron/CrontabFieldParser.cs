using System.Globalization;

namespace NanoClaw.Jobs.Cron;

/// <summary>
/// Reads one field of a 5-field crontab line as cronie does: a comma list of <c>*</c>, values or
/// <c>a-b</c> ranges, each of the last two optionally <c>/step</c>; three-letter names for months and
/// week days. Where cronie is silent or lax (a reversed range sets nothing), this refuses with a reason.
/// </summary>
internal static class CrontabFieldParser
{
    /// <returns>Bit <c>v</c> set for every value <c>v</c> the field matches.</returns>
    public static ulong Parse(string text, CronField field)
    {
        ulong bits = 0;
        foreach (var item in text.Split(','))
        {
            if (item.Length == 0)
                throw Error(text, field, "the list has an empty item");
            bits |= ParseItem(item, text, field);
        }
        return bits;
    }

    private static ulong ParseItem(string item, string text, CronField field)
    {
        var slash = item.IndexOf('/', StringComparison.Ordinal);
        var range = slash < 0 ? item : item[..slash];
        var step = slash < 0 ? 1 : ParseStep(item[(slash + 1)..], text, field);
        if (range.Length == 0)
            throw Error(text, field, $"the step '{item}' has no range before it (write '*{item}')");

        int low,
            high;
        if (range == "*")
            (low, high) = (field.Min, field.Max);
        else if (range.Contains('-', StringComparison.Ordinal))
            (low, high) = ParseRange(range, text, field);
        else if (slash >= 0)
            throw Error(
                text,
                field,
                $"a step follows a range or '*', not a single value (write '{range}-{field.Max}{item[slash..]}')"
            );
        else
            low = high = ParseValue(range, text, field);

        ulong bits = 0;
        for (var value = low; value <= high; value += step)
            bits |= 1UL << value;
        return bits;
    }

    private static (int Low, int High) ParseRange(string range, string text, CronField field)
    {
        var parts = range.Split('-');
        if (parts.Length > 2)
            throw Error(text, field, $"'{range}' is not a range (one '-' between two values)");
        if (parts[0].Length == 0)
            throw Error(text, field, "range has no start");
        if (parts[1].Length == 0)
            throw Error(text, field, "range has no end");
        var low = ParseValue(parts[0], text, field);
        var high = ParseValue(parts[1], text, field);
        // cronie reads a week range ending on Sunday as ending on 7: FRI-SUN is Friday to Sunday.
        if (field == CronField.DayOfWeek && high == 0 && low > 0)
            high = 7;
        if (low > high)
            throw Error(
                text,
                field,
                $"range '{range}' runs backwards; cron ranges do not wrap around (write '{parts[0]}-{Bound(field, parts[0], last: true)},{Bound(field, parts[1], last: false)}-{parts[1]}')"
            );
        return (low, high);
    }

    private static int ParseStep(string text, string whole, CronField field)
    {
        if (text.Length == 0)
            throw Error(whole, field, "the step after '/' has no number");
        if (!text.All(char.IsAsciiDigit))
            throw Error(whole, field, $"the step '{text}' is not a number");
        if (
            !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var step)
            || step > field.Max + 1
        )
            throw Error(whole, field, $"the step {text} is larger than the field's range");
        if (step == 0)
            throw Error(whole, field, "a step of 0 never advances");
        return step;
    }

    private static int ParseValue(string text, string whole, CronField field)
    {
        if (text.Length > 0 && text.All(char.IsAsciiDigit))
        {
            if (
                !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                || number < field.Min
                || number > field.Max
            )
                throw Error(whole, field, $"value {text} is out of range {field.Min}-{field.Max}");
            return number;
        }
        if (field.ValueOfName(text) is { } named)
            return named;
        throw Error(whole, field, Unknown(text, field, text == whole ? "" : $"'{text}': "));
    }

    private static string Unknown(string text, CronField field, string item)
    {
        if (text.Contains('~', StringComparison.Ordinal))
            return $"{item}random values ('~') are not supported";
        if (IsQuartzOnly(text))
            return $"'{text}' is Quartz syntax, which a 5-field crontab line does not have (write a 6-field Quartz cron, with seconds, to use it)";
        if (field.Names.Count == 0)
            return $"'{text}' is not a number";
        var prefix = text.Length > 3 ? field.ValueOfName(text[..3]) : null;
        if (prefix is not null)
            return $"{item}names are three letters (write '{text[..3].ToUpperInvariant()}')";
        return $"'{text}' is not a number or a {Kind(field)} name ({field.Names[0]}-{field.Names[^1]})";
    }

    private static bool IsQuartzOnly(string text) =>
        text is "?" or "L" or "LW"
        || text.Contains('#', StringComparison.Ordinal)
        || text.Length > 1 && text[^1] is 'L' or 'W' && text[..^1].All(char.IsAsciiDigit);

    private static string Kind(CronField field) => field == CronField.Month ? "month" : "day";

    /// <summary>The field's first or last value, written as a name when the range used names.</summary>
    private static string Bound(CronField field, string written, bool last)
    {
        // The week wraps from Saturday to Sunday: 7 is Sunday again.
        var value = last ? (field == CronField.DayOfWeek ? 6 : field.Max) : field.Min;
        if (written.All(char.IsAsciiDigit) || field.Names.Count == 0)
            return value.ToString(CultureInfo.InvariantCulture);
        return field.Names[value - (field.Min == 0 ? 0 : 1)];
    }

    private static CronSyntaxException Error(string text, CronField field, string reason) =>
        new($"{field.Name} field '{text}': {reason}");
}
