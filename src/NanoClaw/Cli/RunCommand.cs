using System.CommandLine;
using System.Text.Json;
using NanoClaw.Cli.Output;
using NanoClaw.Runs;

namespace NanoClaw.Cli;

/// <summary><c>nanoclaw run RUN_ID</c>: one run with everything kept of its output.</summary>
internal static class RunCommand
{
    public static Command Create(CliContext context)
    {
        var runId = new Argument<string>("RUN_ID") { Description = "The run's id." };
        var json = new Option<bool>("--json") { Description = "Print the run record as JSON." };
        var raw = new Option<bool>("--raw")
        {
            Description =
                "Print the output as it is, control characters and escape sequences included.",
        };
        var command = new Command("run", "Show one run with its kept output.") { runId, json, raw };
        command.SetAction(
            async (parse, cancellationToken) =>
            {
                var settings = context.LoadOrReport(Console.Error);
                if (settings is null)
                    return ExitCodes.Invalid;
                var id = parse.GetRequiredValue(runId);
                return await LocalRunStore.ReadAsync(
                    settings,
                    async store =>
                    {
                        var run = store is null
                            ? null
                            : await store.GetAsync(id, cancellationToken);
                        if (run is null)
                        {
                            await Console.Error.WriteLineAsync(
                                $"No run '{id}' in {settings.Paths.DatabaseFile}."
                            );
                            return ExitCodes.Failed;
                        }
                        if (parse.GetValue(json))
                            Console.WriteLine(JsonSerializer.Serialize(run, RunJson.Indented));
                        else
                            RunDetails.Write(Console.Out, run, parse.GetValue(raw));
                        return ExitCodes.Ok;
                    },
                    cancellationToken
                );
            }
        );
        return command;
    }
}
