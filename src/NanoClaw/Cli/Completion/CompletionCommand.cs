using System.CommandLine;

namespace NanoClaw.Cli.Completion;

/// <summary><c>nanoclaw completion bash|zsh|fish</c>: prints the shell's completion script.</summary>
internal static class CompletionCommand
{
    public static Command Create()
    {
        var shell = new Argument<string>("SHELL") { Description = "bash, zsh or fish." };
        shell.AcceptOnlyFromAmong([.. CompletionScripts.Shells]);
        var command = new Command(
            "completion",
            "Print a shell completion script: commands, options, task ids, groups and run ids."
        )
        {
            shell,
        };
        command.SetAction(parse =>
        {
            Console.Write(CompletionScripts.For(parse.GetRequiredValue(shell)));
            return ExitCodes.Ok;
        });
        return command;
    }
}
