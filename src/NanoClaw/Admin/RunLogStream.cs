using System.Text;
using System.Text.Json;
using NanoClaw.Runs;

namespace NanoClaw.Admin;

/// <summary>
/// A run's log as server-sent events: every line so far, then new lines as the run writes them, then
/// an <c>end</c> event carrying the final status. The log file is the source, so a follower sees
/// exactly what the run printed, however long ago it started.
/// </summary>
internal static class RunLogStream
{
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
            if (state.Record is { } record)
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
        CancellationToken cancellationToken
    )
    {
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        var pending = new StringBuilder();
        var buffer = new char[16 * 1024];
        StreamReader? reader = null;
        try
        {
            while (true)
            {
                reader ??= Open(run.LogPath);
                var read = reader is null ? 0 : await reader.ReadAsync(buffer, cancellationToken);
                if (read > 0)
                {
                    pending.Append(buffer, 0, read);
                    await WriteLinesAsync(response, pending, cancellationToken);
                    continue;
                }
                // At the end of what is written: done if the run has ended (its log is complete), else wait for more.
                var current = (await lookup.FindAsync(run.Id, cancellationToken)).Record ?? run;
                if (current.Status != RunStatus.Running)
                {
                    if (
                        reader is not null
                        && await reader.ReadAsync(buffer, cancellationToken) is > 0 and var rest
                    )
                    {
                        pending.Append(buffer, 0, rest);
                        continue;
                    }
                    if (pending.Length > 0)
                        await WriteEventAsync(
                            response,
                            null,
                            pending.ToString(),
                            cancellationToken
                        );
                    await WriteEventAsync(
                        response,
                        "end",
                        JsonSerializer.Serialize(
                            new
                            {
                                status = RunStatusNames.ToName(current.Status),
                                current.ExitCode,
                            },
                            RunJson.Options
                        ),
                        cancellationToken
                    );
                    return;
                }
                await response.Body.FlushAsync(cancellationToken);
                await Task.Delay(PollInterval, cancellationToken);
            }
        }
        finally
        {
            reader?.Dispose();
        }
    }

    private static StreamReader? Open(string? path)
    {
        if (path is null || !File.Exists(path))
            return null;
        // The runner is still appending: share it for writing.
        var stream = new FileStream(
            path,
            FileMode.Open,
            FileAccess.Read,
            FileShare.ReadWrite | FileShare.Delete
        );
        return new StreamReader(stream, Encoding.UTF8);
    }

    private static async Task WriteLinesAsync(
        HttpResponse response,
        StringBuilder pending,
        CancellationToken cancellationToken
    )
    {
        var text = pending.ToString();
        var end = text.LastIndexOf('\n');
        if (end < 0)
            return;
        foreach (var line in text[..end].Split('\n'))
            await WriteEventAsync(response, null, line, cancellationToken);
        pending.Clear().Append(text, end + 1, text.Length - end - 1);
        await response.Body.FlushAsync(cancellationToken);
    }

    private static async Task WriteEventAsync(
        HttpResponse response,
        string? name,
        string data,
        CancellationToken cancellationToken
    )
    {
        var message = new StringBuilder();
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
