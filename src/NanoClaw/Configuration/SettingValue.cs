using System.Globalization;
using System.Numerics;
using System.Text.Json;
using NanoClaw.Text;

namespace NanoClaw.Configuration;

/// <summary>
/// Checks one configured value against the type its option declares, in the user's terms: the
/// configuration binder's own messages name .NET types and stop at the first failure.
/// </summary>
internal static class SettingValue
{
    /// <summary>Null when <paramref name="text"/> binds to <paramref name="type"/>; else why not.</summary>
    public static string? Problem(Type type, string text)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(text);
        if (type == typeof(string))
            return null;
        if (type == typeof(TimeSpan))
            return DurationText.TryParse(text, out _, out var error) ? null : error;
        if (type == typeof(bool))
            return bool.TryParse(text.Trim(), out _) ? null : $"'{text}' is not true or false";
        if (type.IsEnum)
            return EnumProblem(type, text);
        if (type == typeof(int))
            return WholeNumber<int>(text);
        if (type == typeof(long))
            return WholeNumber<long>(text);
        if (type == typeof(uint))
            return WholeNumber<uint>(text);
        if (type == typeof(ulong))
            return WholeNumber<ulong>(text);
        if (type == typeof(short))
            return WholeNumber<short>(text);
        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal))
            return
                double.TryParse(
                    text,
                    NumberStyles.Float,
                    CultureInfo.InvariantCulture,
                    out var number
                ) && double.IsFinite(number)
                ? null
                : $"'{text}' is not a number";
        if (type == typeof(Uri))
            return Uri.TryCreate(text, UriKind.RelativeOrAbsolute, out _)
                ? null
                : $"'{text}' is not a URL";
        return null;
    }

    /// <summary>The names an enum setting takes, as the README writes them (<c>host</c>, <c>container</c>).</summary>
    public static IReadOnlyList<string> EnumNames(Type type) =>
        [.. Enum.GetNames(type).Select(JsonNamingPolicy.CamelCase.ConvertName)];

    private static string? EnumProblem(Type type, string text)
    {
        var names = EnumNames(type);
        var trimmed = text.Trim();
        // Numbers would bind too (Enum.Parse takes "1"), but nobody means a mode by its ordinal.
        if (names.Contains(trimmed, StringComparer.OrdinalIgnoreCase))
            return null;
        var message = $"'{text}' is not one of {string.Join(", ", names)}";
        return NameSuggestions.Closest(trimmed, names) is { } close
            ? $"{message}; did you mean '{close}'?"
            : message;
    }

    private static string? WholeNumber<T>(string text)
        where T : IBinaryInteger<T>, IMinMaxValue<T>
    {
        var trimmed = text.Trim();
        if (T.TryParse(trimmed, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
            return null;
        if (
            !BigInteger.TryParse(
                trimmed,
                NumberStyles.Integer,
                CultureInfo.InvariantCulture,
                out var big
            )
        )
            return $"'{text}' is not a whole number";
        return big < BigInteger.CreateChecked(T.MinValue)
            ? $"'{text}' is too small; the least is {T.MinValue}"
            : $"'{text}' is too large; the most is {T.MaxValue}";
    }
}
