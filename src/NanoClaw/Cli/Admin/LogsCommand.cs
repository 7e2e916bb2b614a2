using System.CommandLine;
using NanoClaw.Cli.Output;
using NanoClaw.Runs;

namespace NanoClaw.Cli.Admin;

/// <summary><c>nanoclaw logs RUN_ID [--follow]</c>: the run's output, live while it runs.</summary>
internal static class LogsCommand
{
    public static Command Create(CliContext context)
    {
        var runId = new Argument<string>("RUN_ID")
        {
            Description = "The run whose output to show (its id, or an unambiguous prefix).",
        };
        var follow = new Option<bool>("--follow", "-f")
        {
            Description =
                "Keep printing new output until the run ends; a queued run is waited for.",
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
                var (resolved, exit) = await AdminRunIds.ResolveOrReportAsync(
                    client,
                    parse.GetRequiredValue(runId),
                    ct
                );
                if (resolved is null)
                    return exit;
                var id = Uri.EscapeDataString(resolved);
                // Escaped whether or not stdout is a terminal: a pipe often ends in one (| tail).
                var show = parse.GetValue(raw)
                    ? (Func<string, string>)(text => text)
                    : TerminalText.Escape;
                if (!parse.GetValue(follow))
                {
                    var output = await client.GetTextAsync($"api/runs/{id}/output", ct);
                    if (output.Length == 0 && await IsQueuedAsync(client, id, ct))
                        await Console.Error.WriteLineAsync(
                            $"Run {resolved} is queued and has no output yet; 'nanoclaw logs {resolved} --follow' waits for it."
                        );
                    Console.Write(show(output));
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

    private static async Task<bool> IsQueuedAsync(
        AdminClient client,
        string escapedId,
        CancellationToken ct
    )
    {
        try
        {
            var run = await client.GetAsync<RunRecord>($"api/runs/{escapedId}", ct);
            return run.Status == RunStatus.Queued;
        }
        catch (AdminCallException)
        {
            return false;
        }
    }
}
