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
        var runId = new Argument<string>("RUN_ID")
        {
            Description = "The run's id, or an unambiguous prefix of it.",
        };
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
                var typed = parse.GetRequiredValue(runId);
                if (RunIds.Problem(typed) is { } problem)
                {
                    await Console.Error.WriteLineAsync(problem);
                    return ExitCodes.Invalid;
                }
                return await LocalRunStore.ReadAsync(
                    settings,
                    async store =>
                    {
                        var resolution = store is null
                            ? new RunIds.Resolution(null, ExitCodes.Failed, null)
                            : await RunIds.ResolveAsync(
                                typed,
                                (prefix, limit) =>
                                    store.ListAsync(
                                        new RunQuery { IdPrefix = prefix, Limit = limit },
                                        cancellationToken
                                    )
                            );
                        var run =
                            resolution.Id is { } id && store is not null
                                ? await store.GetAsync(id, cancellationToken)
                                : null;
                        if (run is null)
                        {
                            await Console.Error.WriteLineAsync(
                                resolution.ExitCode == ExitCodes.Invalid
                                    ? resolution.Message
                                    : $"No run '{typed}' in {settings.Paths.DatabaseFile}; 'nanoclaw runs' lists them."
                            );
                            return resolution.ExitCode == ExitCodes.Invalid
                                ? ExitCodes.Invalid
                                : ExitCodes.Failed;
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
