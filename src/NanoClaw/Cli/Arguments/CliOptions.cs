using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;
using NanoClaw.Configuration;

namespace NanoClaw.Cli.Arguments;

/// <summary>
/// Options that take a duration or a count, read the same way by every command: a bad value is an
/// argument error (exit 2, naming the option and the value), never an exception, and a duration is
/// read exactly as in settings and the jobs file (<see cref="DurationText"/>).
/// </summary>
internal static class CliOptions
{
    /// <summary>An <c>hh:mm:ss</c> option between <paramref name="minimum"/> and <paramref name="maximum"/>; null when not given.</summary>
    public static Option<TimeSpan?> Duration(
        string name,
        string description,
        TimeSpan minimum,
        TimeSpan? maximum = null
    ) =>
        new(name)
        {
            Description = description,
            HelpName = "hh:mm:ss",
            CustomParser = result =>
            {
                if (
                    DurationText.TryParse(
                        Token(result),
                        minimum,
                        maximum,
                        out var value,
                        out var error
                    )
                )
                    return value;
                result.AddError($"{name}: {error}.");
                return null;
            },
        };

    /// <summary>A whole-number option between <paramref name="minimum"/> and <paramref name="maximum"/>.</summary>
    public static Option<int> Count(
        string name,
        string description,
        int minimum,
        int maximum,
        int defaultValue
    ) =>
        new(name)
        {
            Description = $"{description} ({minimum}-{maximum}, default {defaultValue})",
            HelpName = "N",
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result =>
            {
                if (result.Tokens.Count == 0)
                    return defaultValue;
                var text = Token(result);
                var error = CountProblem(text, minimum, maximum, out var value);
                if (error is null)
                    return value;
                result.AddError($"{name}: {error}.");
                return defaultValue;
            },
        };

    /// <summary>Null when <paramref name="text"/> is a whole number within the bounds, else why not.</summary>
    public static string? CountProblem(string text, int minimum, int maximum, out int value)
    {
        ArgumentNullException.ThrowIfNull(text);
        value = 0;
        var range = $"use {minimum} to {maximum}";
        if (
            !BigInteger.TryParse(
                text.Trim(),
                NumberStyles.AllowLeadingSign,
                CultureInfo.InvariantCulture,
                out var number
            )
        )
            return $"'{text}' is not a whole number; {range}";
        if (number < minimum)
            return $"'{text}' is too small; {range}";
        if (number > maximum)
            return $"'{text}' is too large; {range}";
        value = (int)number;
        return null;
    }

    private static string Token(ArgumentResult result) =>
        result.Tokens.Count == 0 ? "" : result.Tokens[^1].Value;
}
