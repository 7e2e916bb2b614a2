using System.CommandLine;
using NanoClaw.Scheduling;

namespace NanoClaw.Cli.Admin;

/// <summary><c>nanoclaw reload</c>: apply the jobs file now; an invalid one changes nothing (exit 2).</summary>
internal static class ReloadCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command(
            "reload",
            "Apply the jobs file now; if it is invalid, nothing changes and every problem is listed."
        );
        command.SetAdminAction(
            context,
            async (_, client, ct) =>
            {
                var summary = await client.PostAsync<SyncSummary>("api/reload", null, ct);
                Console.WriteLine(
                    $"Jobs file applied: {summary.Added} added, {summary.Changed} changed, {summary.Removed} removed, {summary.Unchanged} unchanged."
                );
                return ExitCodes.Ok;
            }
        );
        return command;
    }
}
