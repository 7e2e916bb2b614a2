using System.CommandLine;
using System.Globalization;

namespace NanoClaw.Cli;

/// <summary>How the command line is read, the same for the program and its tests.</summary>
internal static class CliParsing
{
    /// <summary>
    /// No response files: with them a word starting with <c>@</c> names a file to read arguments
    /// from, so <c>--cron '@weekly'</c> would fail with "Response file not found".
    /// </summary>
    public static ParserConfiguration Configuration { get; } =
        new() { ResponseFileTokenReplacer = null };

    public static ParseResult Parse(Command root, IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(args);
        return root.Parse(SafeSuggestion(args), Configuration);
    }

    /// <summary>
    /// The suggest directive (<c>[suggest:N] "LINE"</c>, what the completion scripts send) throws on a
    /// position that is not a number or lies outside its line; such a request asks for the end of the line.
    /// </summary>
    private static IReadOnlyList<string> SafeSuggestion(IReadOnlyList<string> args)
    {
        if (
            args.Count == 0
            || !args[0].StartsWith("[suggest:", StringComparison.Ordinal)
            || !args[0].EndsWith(']')
        )
            return args;
        var line = args.Count > 1 ? args[1] : "";
        var position = int.TryParse(
            args[0]["[suggest:".Length..^1],
            NumberStyles.None,
            CultureInfo.InvariantCulture,
            out var given
        )
            ? Math.Min(given, line.Length)
            : line.Length;
        return [$"[suggest:{position}]", .. args.Skip(1)];
    }
}
