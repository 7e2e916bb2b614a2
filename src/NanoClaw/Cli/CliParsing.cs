using System.CommandLine;

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
        return root.Parse(args, Configuration);
    }
}
