using System.CommandLine;

namespace NanoClaw.Cli;

internal static class ServeCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command(
            "serve",
            "Run the scheduler daemon in the foreground until SIGINT/SIGTERM."
        );
        command.SetAction(
            async (_, cancellationToken) =>
            {
                await Task.Yield();
                var settings = context.LoadOrReport(Console.Error);
                return settings is null ? ExitCodes.Invalid : ExitCodes.Failed;
            }
        );
        return command;
    }
}
