using System.CommandLine;

namespace NanoClaw.Cli.Admin;

/// <summary>
/// What every command that talks to the daemon shares: settings loaded, a client made, and failures
/// turned into the contract's exit codes with a message on stderr.
/// </summary>
internal static class AdminCommand
{
    public static void SetAdminAction(
        this Command command,
        CliContext context,
        Func<ParseResult, AdminClient, CancellationToken, Task<int>> action
    )
    {
        ArgumentNullException.ThrowIfNull(command);
        command.SetAction(
            async (parse, cancellationToken) =>
            {
                var settings = context.LoadOrReport(Console.Error);
                if (settings is null)
                    return ExitCodes.Invalid;
                using var client = new AdminClient(settings);
                try
                {
                    return await action(parse, client, cancellationToken);
                }
                catch (AdminUnreachableException ex)
                {
                    await Console.Error.WriteLineAsync(ex.Message);
                    return ExitCodes.Unreachable;
                }
                catch (AdminCallException ex)
                {
                    await Console.Error.WriteLineAsync(ex.Message);
                    foreach (var problem in ex.Problems)
                        await Console.Error.WriteLineAsync(problem);
                    return ex.ExitCode;
                }
            }
        );
    }
}
