using System.CommandLine;
using NanoClaw.Cli.Output;

namespace NanoClaw.Cli.Admin;

/// <summary><c>nanoclaw logs RUN_ID [--follow]</c>: the run's output, live while it runs.</summary>
internal static class LogsCommand
{
    public static Command Create(CliContext context)
    {
        var runId = new Argument<string>("RUN_ID")
        {
            Description = "The run whose output to show.",
        };
        var follow = new Option<bool>("--follow", "-f")
        {
            Description = "Keep printing new output until the run ends.",
        };
        var raw = new Option<bool>("--raw")
        {
            Description =
                "Print the output as it is, control characters and escape sequences included.",
        };
        var command = new Command("logs", "Show a run's output (stderr lines prefixed [stderr]).")
        {
            runId,
            follow,
            raw,
        };
        command.SetAdminAction(
            context,
            async (parse, client, ct) =>
            {
                var id = Uri.EscapeDataString(parse.GetRequiredValue(runId));
                // Escaped whether or not stdout is a terminal: a pipe often ends in one (| tail).
                var show = parse.GetValue(raw)
                    ? (Func<string, string>)(text => text)
                    : TerminalText.Escape;
                if (!parse.GetValue(follow))
                {
                    Console.Write(show(await client.GetTextAsync($"api/runs/{id}/output", ct)));
                    return ExitCodes.Ok;
                }
                // A line longer than the stream's piece size arrives, and is printed, as several lines.
                await foreach (var line in client.StreamAsync($"api/runs/{id}/stream", ct))
                {
                    Console.WriteLine(show(line));
                    // Each line as it comes: a follower piping into grep must not wait for a full buffer.
                    await Console.Out.FlushAsync(ct);
                }
                return ExitCodes.Ok;
            }
        );
        return command;
    }
}
