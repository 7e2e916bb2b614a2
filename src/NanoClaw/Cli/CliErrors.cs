using System.CommandLine;

namespace NanoClaw.Cli;

internal static class CliErrors
{
    /// <summary>Prints every argument error and where to get help; returns the invalid-arguments exit code.</summary>
    public static int Report(ParseResult parse, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(error);
        foreach (var problem in parse.Errors)
            error.WriteLine(problem.Message);
        var path = string.Join(' ', CommandPath(parse.CommandResult));
        error.WriteLine($"See '{path} --help'.");
        return ExitCodes.Invalid;
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
