using System.Text.Json;
using NanoClaw.Admin;
using NanoClaw.Cli.Output;
using NanoClaw.Runs;

namespace NanoClaw.Cli.Admin;

/// <summary>
/// What <c>trigger</c> and <c>exec</c> print: the queued run's id, or with <c>--wait</c> its record
/// once it has ended (exit 0 only if it succeeded).
/// </summary>
internal static class QueuedRunOutput
{
    public static async Task<int> WriteAsync(
        AdminClient client,
        QueuedRunView queued,
        bool wait,
        bool json,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(queued);
        if (queued.GroupPaused)
            await Console.Error.WriteLineAsync(
                $"Group {queued.Group} is paused: run {queued.RunId} waits until 'nanoclaw resume --group {queued.Group}'."
            );
        if (!wait)
        {
            Console.WriteLine(
                json
                    ? JsonSerializer.Serialize(queued, RunJson.Indented)
                    : $"Queued run {queued.RunId} in group {queued.Group}; 'nanoclaw logs {queued.RunId} --follow' shows its output."
            );
            return ExitCodes.Ok;
        }
        var run = await client.GetWaitingAsync<RunRecord>(
            $"api/runs/{queued.RunId}/wait",
            cancellationToken
        );
        if (json)
            Console.WriteLine(JsonSerializer.Serialize(run, RunJson.Indented));
        else
            RunDetails.Write(Console.Out, run);
        // A run its gate skipped did what it should (as a systemd unit whose condition is unmet).
        return run.Status is RunStatus.Succeeded or RunStatus.Skipped
            ? ExitCodes.Ok
            : ExitCodes.Failed;
    }
}
