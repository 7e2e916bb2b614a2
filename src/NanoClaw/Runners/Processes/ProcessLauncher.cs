using System.ComponentModel;
using System.Diagnostics;
using NanoClaw.Jobs;
using NanoClaw.Runners.Output;

namespace NanoClaw.Runners.Processes;

/// <summary>
/// Runs one process for a run: in its own process group under <see cref="Supervisor"/>, with exactly
/// the given environment, its output streamed to the log, bounded tails and the sentinel scanner.
/// Timeout and cancel stop the whole group (SIGTERM, SIGKILL after the grace period); when the main
/// process ends, whatever it left in its group is killed, so nothing of a finished run keeps running.
/// </summary>
/// <remarks>
/// <see cref="Process"/> rather than CliWrap here: a run ends when its main process exits, not when
/// the last holder of its output pipes lets go, and CliWrap only reports the two together.
/// </remarks>
internal sealed class ProcessLauncher(SpawnThread spawnThread)
{
    private const int ChunkBytes = 64 * 1024;

    /// <summary>
    /// How long output is still read after the main process ended. A process that left the run's
    /// process group (and, without a PID namespace, survived the group's SIGKILL) may hold the pipes
    /// open for as long as it lives: the run must not wait for it.
    /// </summary>
    internal static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(2);

    public async Task<ProcessResult> RunAsync(
        ProcessSpec spec,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(spec);
        var startedAt = DateTimeOffset.UtcNow;
        RunLog created;
        try
        {
            created = await RunLog.CreateAsync(spec.LogPath, spec.MaxLogBytes);
        }
        catch (IOException ex)
        {
            // Nothing was started: a run whose output cannot be kept safely does not run.
            return new ProcessResult
            {
                StartError = $"the run's log file could not be created: {ex.Message}",
                StartedAt = startedAt,
                FinishedAt = DateTimeOffset.UtcNow,
            };
        }
        await using var log = created;
        Process process;
        try
        {
            process = await spawnThread.InvokeAsync(() => Start(spec));
        }
        catch (Win32Exception ex)
        {
            var error = $"'{spec.Argv[0]}' could not be started: {ex.Message}";
            await log.WriteStderrAsync(
                System.Text.Encoding.UTF8.GetBytes(error + "\n"),
                CancellationToken.None
            );
            return new ProcessResult
            {
                StartError = error,
                StartedAt = startedAt,
                FinishedAt = DateTimeOffset.UtcNow,
            };
        }

        using var _ = process;
        var stdoutTail = new TailBuffer(spec.MaxTailBytes);
        var stderrTail = new TailBuffer(spec.MaxTailBytes);
        var scanner = spec.OutputFormat == OutputFormat.Sentinel ? new SentinelScanner() : null;
        using var drain = new CancellationTokenSource();
        using var logFailure = new LogWriteFailure();
        var pumps = Task.WhenAll(
            logFailure.Guard(
                PumpAsync(
                    process.StandardOutput.BaseStream,
                    chunk =>
                    {
                        stdoutTail.Append(chunk.Span);
                        scanner?.Append(chunk.Span);
                        return log.WriteStdoutAsync(chunk);
                    },
                    drain.Token
                )
            ),
            logFailure.Guard(
                PumpAsync(
                    process.StandardError.BaseStream,
                    chunk =>
                    {
                        stderrTail.Append(chunk.Span);
                        return log.WriteStderrAsync(chunk);
                    },
                    drain.Token
                )
            ),
            WriteStdinAsync(process, spec.Stdin)
        );

        var (timedOut, cancelled) = await WaitAsync(
            process,
            spec,
            logFailure.Token,
            cancellationToken
        );
        // The main process has ended: anything it left behind in its group goes with it.
        ProcessGroup.Signal(process.Id, ProcessGroup.SigKill);
        drain.CancelAfter(DrainTimeout);
        try
        {
            await pumps;
        }
        catch (OperationCanceledException) when (drain.IsCancellationRequested)
        {
            if (logFailure.Reason is null)
                await log.WriteStderrAsync(
                    System.Text.Encoding.UTF8.GetBytes(
                        $"[nanoclaw] output was still held open {DrainTimeout.TotalSeconds:0} s after the run's main process ended, by a process that left the run; the rest is not kept\n"
                    ),
                    CancellationToken.None
                );
        }
        if (logFailure.Reason is { } reason)
            return new ProcessResult
            {
                OutputError =
                    $"the run's log could not be written: {reason} ({Path.GetDirectoryName(spec.LogPath)}); the run was stopped",
                Stdout = stdoutTail.ToCaptured(),
                Stderr = stderrTail.ToCaptured(),
                StartedAt = startedAt,
                FinishedAt = DateTimeOffset.UtcNow,
            };
        return new ProcessResult
        {
            ExitCode = timedOut || cancelled ? null : process.ExitCode,
            IsTimedOut = timedOut,
            IsCancelled = cancelled,
            Stdout = stdoutTail.ToCaptured(),
            Stderr = stderrTail.ToCaptured(),
            SentinelJson = scanner?.LastBlock,
            IsSentinelOversized = scanner?.DroppedOversizedBlock ?? false,
            StartedAt = startedAt,
            FinishedAt = DateTimeOffset.UtcNow,
        };
    }

    private static Process Start(ProcessSpec spec)
    {
        var argv = Supervisor.Wrap(spec.Argv, spec.IsolatePids, spec.IsContained);
        var info = new ProcessStartInfo(argv[0])
        {
            WorkingDirectory = spec.WorkingDir,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in argv.Skip(1))
            info.ArgumentList.Add(arg);
        info.Environment.Clear();
        foreach (var (name, value) in spec.Environment)
            info.Environment[name] = value;
        return Process.Start(info) ?? throw new Win32Exception($"'{argv[0]}' did not start");
    }

    /// <summary>Waits for the process; on timeout or cancel stops its group gracefully, then forcefully.</summary>
    /// <remarks>A log that cannot be written stops the run too, neither as a timeout nor as a cancel.</remarks>
    private static async Task<(bool TimedOut, bool Cancelled)> WaitAsync(
        Process process,
        ProcessSpec spec,
        CancellationToken logFailed,
        CancellationToken cancellationToken
    )
    {
        using var timeout = new CancellationTokenSource(spec.Timeout);
        using var any = CancellationTokenSource.CreateLinkedTokenSource(
            timeout.Token,
            logFailed,
            cancellationToken
        );
        try
        {
            await process.WaitForExitAsync(any.Token);
            return (false, false);
        }
        catch (OperationCanceledException)
        {
            var cancelled = cancellationToken.IsCancellationRequested;
            await StopAsync(process, spec);
            return logFailed.IsCancellationRequested && !cancelled
                ? (false, false)
                : (!cancelled, cancelled);
        }
    }

    private static async Task StopAsync(Process process, ProcessSpec spec)
    {
        using var grace = new CancellationTokenSource(spec.KillGracePeriod);
        try
        {
            if (spec.GracefulStop is { } stop)
                await stop(grace.Token);
            else
                ProcessGroup.Signal(process.Id, ProcessGroup.SigTerm);
            await process.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            ProcessGroup.Signal(process.Id, ProcessGroup.SigKill);
            // Without the supervisor the process may not lead a group: kill it by its own pid too.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    private static async Task PumpAsync(
        Stream stream,
        Func<ReadOnlyMemory<byte>, Task> sink,
        CancellationToken drain
    )
    {
        var buffer = new byte[ChunkBytes];
        int read;
        while ((read = await stream.ReadAsync(buffer, drain)) > 0)
            await sink(buffer.AsMemory(0, read));
    }

    private static async Task WriteStdinAsync(Process process, string stdin)
    {
        try
        {
            await process.StandardInput.WriteAsync(stdin);
            await process.StandardInput.FlushAsync();
        }
        catch (IOException)
        {
            // The process ended or closed its stdin without reading it: that is its business.
        }
        finally
        {
            try
            {
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // Same as above: nothing is listening any more.
            }
        }
    }
}
