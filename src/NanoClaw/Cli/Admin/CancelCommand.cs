using System.CommandLine;
using NanoClaw.Runs;

namespace NanoClaw.Cli.Admin;

/// <summary>
/// <c>nanoclaw cancel RUN_ID</c>: stops a running run (recorded <c>cancelled</c>) or drops a queued
/// one. A run that has ended already is exit 1 with its status.
/// </summary>
internal static class CancelCommand
{
    /// <summary>How long to wait for a stopped run's record: its kill grace and some room.</summary>
    private static readonly TimeSpan RecordWait = TimeSpan.FromSeconds(60);

    public static Command Create(CliContext context)
    {
        var runId = new Argument<string>("RUN_ID")
        {
            Description = "The run to stop or drop (its id, or an unambiguous prefix).",
        };
        var command = new Command(
            "cancel",
            "Stop a running run (recorded cancelled) or drop a queued one."
        )
        {
            runId,
        };
        command.SetAdminAction(
            context,
            async (parse, client, ct) =>
            {
                var (id, exit) = await AdminRunIds.ResolveOrReportAsync(
                    client,
                    parse.GetRequiredValue(runId),
                    ct
                );
                if (id is null)
                    return exit;
                var path = Uri.EscapeDataString(id);
                var answer = await client.PostAsync<CancelAnswer>(
                    $"api/runs/{path}/cancel",
                    null,
                    ct
                );
                if (answer.Status == "cancelled")
                {
                    Console.WriteLine(
                        $"Run {id} was queued: dropped before it started (recorded cancelled)."
                    );
                    return ExitCodes.Ok;
                }
                Console.WriteLine($"Stopping run {id}…");
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
                wait.CancelAfter(RecordWait);
                RunRecord run;
                try
                {
                    run = await client.GetWaitingAsync<RunRecord>(
                        $"api/runs/{path}/wait",
                        wait.Token
                    );
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    await Console.Error.WriteLineAsync(
                        $"Run {id} was told to stop but has not ended within {RecordWait.TotalSeconds:0} s; 'nanoclaw run {id}' shows how it ends."
                    );
                    return ExitCodes.Failed;
                }
                if (run.Status == RunStatus.Cancelled)
                {
                    Console.WriteLine($"Run {id} cancelled.");
                    return ExitCodes.Ok;
                }
                await Console.Error.WriteLineAsync(
                    $"Run {id} ended {RunStatusNames.ToName(run.Status)} before it could be stopped."
                );
                return ExitCodes.Failed;
            }
        );
        return command;
    }

    private sealed record CancelAnswer(string Id, string Status);
}
