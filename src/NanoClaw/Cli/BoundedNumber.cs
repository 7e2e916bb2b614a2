using System.CommandLine;
using System.Globalization;

namespace NanoClaw.Cli;

/// <summary>
/// An integer option with a range. Parsed here rather than by the parser's own conversion, whose
/// validators still ask for the value after a failed conversion and end the process with a stack
/// trace (<c>--limit abc</c>, <c>--limit 99999999999</c>); here every bad value is one clear message.
/// </summary>
internal static class BoundedNumber
{
    public static Option<int> Option(
        string name,
        string description,
        int min,
        int max,
        int defaultValue
    ) =>
        new(name)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
                if (
                    int.TryParse(
                        text,
                        NumberStyles.None,
                        CultureInfo.InvariantCulture,
                        out var value
                    )
                    && value >= min
                    && value <= max
                )
                    return value;
                result.AddError($"{name} must be a number from {min} to {max}, not '{text}'.");
                return defaultValue;
            },
        };
}
