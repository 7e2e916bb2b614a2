using System.CommandLine;
using NanoClaw.Cli.Arguments;
using NanoClaw.Mcp;

namespace NanoClaw.Cli;

internal static class McpCommand
{
    public static Command Create()
    {
        var timeout = CliOptions.Duration(
            "--timeout",
            $"How long each tool call waits for the daemon's answer (hh:mm:ss, default {IpcClient.DefaultTimeout:c}).",
            TimeSpan.FromSeconds(1)
        );
        var command = new Command(
            "mcp",
            "A stdio MCP server with the scheduling tools (schedule_task, list_tasks, update_task, pause_task, resume_task, cancel_task), for an agent inside a NanoClaw run; needs NANOCLAW_IPC_DIR."
        )
        {
            timeout,
        };
        command.SetAction(
            (parse, cancellationToken) =>
                McpServerHost.RunAsync(
                    parse.GetValue(timeout) ?? IpcClient.DefaultTimeout,
                    Console.Error,
                    cancellationToken
                )
        );
        return command;
    }
}
