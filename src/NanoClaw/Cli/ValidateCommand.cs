using System.CommandLine;

namespace NanoClaw.Cli;

internal static class ValidateCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command(
            "validate",
            "Check configuration and the jobs file without starting; exit 2 with every problem listed."
        );
        command.SetAction(_ =>
        {
            var settings = context.LoadOrReport(Console.Error);
            return settings is null ? ExitCodes.Invalid : ExitCodes.Ok;
        });
        return command;
    }
}
