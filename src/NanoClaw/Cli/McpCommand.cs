using System.CommandLine;
using System.Globalization;
using NanoClaw.Mcp;

namespace NanoClaw.Cli;

internal static class McpCommand
{
    public static Command Create()
    {
        var timeout = new Option<TimeSpan>("--timeout")
        {
            Description = "How long each tool call waits for the daemon's answer (hh:mm:ss).",
            DefaultValueFactory = _ => IpcClient.DefaultTimeout,
            CustomParser = result =>
            {
                var text = result.Tokens.Single().Value;
                if (
                    TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out var span)
                    && span > TimeSpan.Zero
                    && text.Contains(':', StringComparison.Ordinal)
                )
                    return span;
                result.AddError($"--timeout must be a positive duration hh:mm:ss, not '{text}'");
                return default;
            },
        };
        var command = new Command(
            "mcp",
            "A stdio MCP server with the scheduling tools (schedule_task, list_tasks, update_task, pause_task, resume_task, cancel_task), for an agent inside a NanoClaw run; needs NANOCLAW_IPC_DIR."
        )
        {
            timeout,
        };
        command.SetAction(
            (parse, cancellationToken) =>
                McpServerHost.RunAsync(parse.GetValue(timeout), Console.Error, cancellationToken)
        );
        return command;
    }
}
