using System.CommandLine;
using NanoClaw.Text;

namespace NanoClaw.Cli;

internal static class CliErrors
{
    /// <summary>Prints every argument error and where to get help; returns the invalid-arguments exit code.</summary>
    public static int Report(ParseResult parse, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(error);
        foreach (var problem in parse.Errors)
            error.WriteLine(problem.Message + CommandSuggestion(parse, problem.Message));
        var path = string.Join(' ', CommandPath(parse.CommandResult));
        error.WriteLine($"See '{path} --help'.");
        return ExitCodes.Invalid;
    }

    /// <summary>
    /// The parser names an unknown word but suggests nothing: for a word where a command was
    /// expected, the closest commands of the one given so far.
    /// </summary>
    private static string CommandSuggestion(ParseResult parse, string message)
    {
        if (
            parse.UnmatchedTokens.Count == 0
            || parse.UnmatchedTokens[0] is not { } word
            || word.StartsWith('-')
            || !message.Contains($"'{word}'", StringComparison.Ordinal)
        )
            return "";
        var command = parse.CommandResult.Command;
        return NameSuggestions.Phrase(
            word,
            command.Subcommands.Where(c => !c.Hidden).SelectMany(c => c.Aliases.Prepend(c.Name))
        );
    }

    private static Stack<string> CommandPath(System.CommandLine.Parsing.CommandResult? result)
    {
        var names = new Stack<string>();
        for (
            var r = result;
            r is not null;
            r = r.Parent as System.CommandLine.Parsing.CommandResult
        )
            names.Push(r.Parent is null ? "nanoclaw" : r.Command.Name);
        return names;
    }
}
