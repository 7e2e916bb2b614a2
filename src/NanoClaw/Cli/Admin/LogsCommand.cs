using System.CommandLine;

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
        var command = new Command("logs", "Show a run's output (stderr lines prefixed [stderr]).")
        {
            runId,
            follow,
        };
        command.SetAdminAction(
            context,
            async (parse, client, ct) =>
            {
                var id = Uri.EscapeDataString(parse.GetRequiredValue(runId));
                if (!parse.GetValue(follow))
                {
                    Console.Write(await client.GetTextAsync($"api/runs/{id}/output", ct));
                    return ExitCodes.Ok;
                }
                await foreach (var line in client.StreamAsync($"api/runs/{id}/stream", ct))
                {
                    Console.WriteLine(line);
                    // Each line as it comes: a follower piping into grep must not wait for a full buffer.
                    await Console.Out.FlushAsync(ct);
                }
                return ExitCodes.Ok;
            }
        );
        return command;
    }
}
