using System.Runtime.InteropServices;
using System.Text.Json;
using NanoClaw.Admin;
using NanoClaw.Cli.Output;
using NanoClaw.Runs;

namespace NanoClaw.Cli.Admin;

/// <summary>
/// What <c>trigger</c> and <c>exec</c> print: the queued run's id, or with <c>--wait</c> its record
/// once it has ended (exit 0 only if it succeeded). On a terminal the wait shows a live status line.
/// Ctrl+C stops the waiting, not the run: it says how to follow the run and exits 130.
/// </summary>
internal static class QueuedRunOutput
{
    /// <summary>The shell's code for a command ended by SIGINT (128 + 2).</summary>
    public const int Interrupted = 130;

    private static readonly TimeSpan StatusEvery = TimeSpan.FromSeconds(1);

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

        using var interrupted = new CancellationTokenSource();
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(
            cancellationToken,
            interrupted.Token
        );
        // Ctrl+C ends the wait only: the default would end the process before it could say which run goes on.
        using var sigint = PosixSignalRegistration.Create(
            PosixSignal.SIGINT,
            signal =>
            {
                signal.Cancel = true;
                interrupted.Cancel();
            }
        );
        var live = !json && !Console.IsOutputRedirected;
        RunRecord run;
        try
        {
            var ended = client.GetWaitingAsync<RunRecord>(
                $"api/runs/{queued.RunId}/wait",
                waiting.Token
            );
            if (live)
                await ShowProgressAsync(client, queued.RunId, ended, waiting.Token);
            run = await ended;
        }
        catch (OperationCanceledException) when (interrupted.IsCancellationRequested)
        {
            if (live)
                Console.Write(WaitStatusLine.Rewind);
            await Console.Error.WriteLineAsync(
                $"Stopped waiting; run {queued.RunId} goes on in the daemon. 'nanoclaw logs {queued.RunId} --follow' follows it, 'nanoclaw run {queued.RunId}' shows how it ended, 'nanoclaw cancel {queued.RunId}' stops it."
            );
            return Interrupted;
        }
        if (live)
            Console.WriteLine(
                WaitStatusLine.Rewind
                    + WaitStatusLine.Render(queued.RunId, run, DateTimeOffset.UtcNow)
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

    private static async Task ShowProgressAsync(
        AdminClient client,
        string runId,
        Task ended,
        CancellationToken cancellationToken
    )
    {
        while (!ended.IsCompleted)
        {
            RunRecord? current;
            try
            {
                current = await client.GetAsync<RunRecord>($"api/runs/{runId}", cancellationToken);
            }
            catch (AdminCallException)
            {
                // Queued but not recorded as such: the daemon still knows it, and the wait goes on.
                current = null;
            }
            Console.Write(
                WaitStatusLine.Rewind + WaitStatusLine.Render(runId, current, DateTimeOffset.UtcNow)
            );
            await Console.Out.FlushAsync(cancellationToken);
            await Task.WhenAny(ended, Task.Delay(StatusEvery, cancellationToken));
        }
    }
}
