using System.Text;
using System.Text.Json;
using NanoClaw.Configuration;
using NanoClaw.Files;
using NanoClaw.Runners.Output;
using NanoClaw.Runs;

namespace NanoClaw.Admin;

/// <summary>
/// A run's log as server-sent events: every line so far, then new lines as the run writes them, then
/// an <c>end</c> event carrying the final status. The log file is the source, so a follower sees
/// exactly what the run printed, however long ago it started. A line longer than
/// <see cref="MaxLineBytes"/> goes out as several <c>data:</c> events, so a follower's memory and
/// work stay bounded whatever the run prints.
/// </summary>
internal static class RunLogStream
{
    public const int MaxLineBytes = 64 * 1024;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Waits while the run is queued; null when there is no such run.</summary>
    public static async Task<RunRecord?> WaitForStartAsync(
        string runId,
        RunLookup lookup,
        CancellationToken cancellationToken
    )
    {
        while (true)
        {
            var state = await lookup.FindAsync(runId, cancellationToken);
            if (state.Record is { Status: not RunStatus.Queued } record)
                return record;
            if (!state.IsQueued)
                return null;
            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    public static async Task WriteAsync(
        HttpResponse response,
        RunRecord run,
        RunLookup lookup,
        NanoClawPaths paths,
        CancellationToken cancellationToken
    )
    {
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        var lines = new BoundedLineSplitter(MaxLineBytes);
        Func<ReadOnlyMemory<byte>, Task> emit = line =>
            WriteEventAsync(response, null, Encoding.UTF8.GetString(line.Span), cancellationToken);
        var buffer = new byte[16 * 1024];
        FileStream? log = null;
        string? refusal = null;
        try
        {
            while (true)
            {
                if (log is null && refusal is null)
                {
                    var opening = RunLogFiles.OpenForReading(paths, run.Group, run.LogPath);
                    // Unbuffered: reads go straight to the file, nothing is kept twice.
                    if (opening.Handle is { } handle)
                        log = new FileStream(handle, FileAccess.Read, bufferSize: 0);
                    refusal = opening.Refusal;
                }
                var read = log is null ? 0 : await log.ReadAsync(buffer, cancellationToken);
                if (read > 0)
                {
                    await lines.PushAsync(buffer.AsMemory(0, read), emit);
                    await response.Body.FlushAsync(cancellationToken);
                    continue;
                }
                // At the end of what is written: done if the run has ended (its log is complete), else wait for more.
                var current = (await lookup.FindAsync(run.Id, cancellationToken)).Record ?? run;
                // A gated run's log moves from its gate's to its agent's when the agent starts: follow it.
                if (current.LogPath != run.LogPath && current.LogPath is not null)
                {
                    await lines.FlushAsync(emit);
                    if (log is not null)
                        await log.DisposeAsync();
                    (log, refusal, run) = (null, null, current);
                    continue;
                }
                if (current.Status != RunStatus.Running)
                {
                    if (
                        log is not null
                        && await log.ReadAsync(buffer, cancellationToken) is > 0 and var rest
                    )
                    {
                        await lines.PushAsync(buffer.AsMemory(0, rest), emit);
                        continue;
                    }
                    await lines.FlushAsync(emit);
                    if (log is null)
                        await WriteKeptAsync(current, refusal, lines, emit);
                    await WriteEventAsync(response, "end", EndData(current), cancellationToken);
                    return;
                }
                await response.Body.FlushAsync(cancellationToken);
                await Task.Delay(PollInterval, cancellationToken);
            }
        }
        finally
        {
            if (log is not null)
                await log.DisposeAsync();
        }
    }

    /// <summary>Without a log file the daemon may serve: what the run record kept, after a note saying why.</summary>
    private static async Task WriteKeptAsync(
        RunRecord run,
        string? refusal,
        BoundedLineSplitter lines,
        Func<ReadOnlyMemory<byte>, Task> emit
    )
    {
        var text = RunLogFallback.Text(run, refusal);
        await lines.PushAsync(Encoding.UTF8.GetBytes(text), emit);
        await lines.FlushAsync(emit);
    }

    private static string EndData(RunRecord run) =>
        JsonSerializer.Serialize(
            new { status = RunStatusNames.ToName(run.Status), run.ExitCode },
            RunJson.Options
        );

    private static async Task WriteEventAsync(
        HttpResponse response,
        string? name,
        string data,
        CancellationToken cancellationToken
    )
    {
        var message = new StringBuilder(data.Length + 32);
        if (name is not null)
            message.Append("event: ").Append(name).Append('\n');
        // A carriage return would end the SSE line early; the line itself never holds a newline.
        message
            .Append("data: ")
            .Append(data.Replace("\r", "", StringComparison.Ordinal))
            .Append("\n\n");
        await response.WriteAsync(message.ToString(), cancellationToken);
    }
}
