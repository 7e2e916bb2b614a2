using System.CommandLine;
using NanoClaw.Agent;

namespace NanoClaw.Cli;

internal static class AgentCommand
{
    public static Command Create()
    {
        var command = new Command(
            "agent",
            "The built-in reference agent: reads a run's stdin object, prints a structured result."
        )
        {
            Hidden = true,
        };
        command.SetAction(
            (_, cancellationToken) =>
                ReferenceAgent.RunAsync(Console.In, Console.Out, cancellationToken)
        );
        return command;
    }
}
