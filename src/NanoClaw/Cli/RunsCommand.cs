using System.CommandLine;
using System.Text.Json;
using NanoClaw.Cli.Output;
using NanoClaw.Runs;

namespace NanoClaw.Cli;

/// <summary><c>nanoclaw runs</c>: run history, newest first, from the store directly.</summary>
internal static class RunsCommand
{
    public static Command Create(CliContext context)
    {
        var task = new Option<string>("--task") { Description = "Only runs of this task." };
        var group = new Option<string>("--group") { Description = "Only runs in this group." };
        var status = new Option<string>("--status")
        {
            Description = "Only runs with this status: " + string.Join(", ", RunStatusNames.All),
        };
        status.AcceptOnlyFromAmong([.. RunStatusNames.All]);
        var limit = BoundedNumber.Option("--limit", "At most this many runs.", 1, 100_000, 20);
        var json = new Option<bool>("--json")
        {
            Description = "Print a JSON array of run records.",
        };
        var command = new Command("runs", "Show run history, newest first.")
        {
            task,
            group,
            status,
            limit,
            json,
        };
        command.SetAction(
            async (parse, cancellationToken) =>
            {
                var settings = context.LoadOrReport(Console.Error);
                if (settings is null)
                    return ExitCodes.Invalid;
                var query = new RunQuery
                {
                    TaskId = parse.GetValue(task),
                    Group = parse.GetValue(group),
                    Status = parse.GetValue(status) is { } s ? RunStatusNames.Parse(s) : null,
                    Limit = parse.GetValue(limit),
                };
                return await LocalRunStore.ReadAsync(
                    settings,
                    async store =>
                    {
                        var runs = store is null
                            ? []
                            : await store.ListAsync(query, cancellationToken);
                        if (parse.GetValue(json))
                            Console.WriteLine(JsonSerializer.Serialize(runs, RunJson.Indented));
                        else
                            RunTable.Write(Console.Out, runs);
                        return ExitCodes.Ok;
                    },
                    cancellationToken
                );
            }
        );
        return command;
    }
}
