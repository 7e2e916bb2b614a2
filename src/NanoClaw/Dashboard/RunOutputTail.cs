using System.Text;
using NanoClaw.Admin;
using NanoClaw.Configuration;
using NanoClaw.Files;
using NanoClaw.Runs;

namespace NanoClaw.Dashboard;

/// <summary>
/// The end of a run's output for its page: at most <see cref="MaxBytes"/> of its log file (the
/// whole of it is <c>nanoclaw logs</c> and the API's), starting at a line, or what the record kept
/// when there is no log file the daemon may serve.
/// </summary>
internal static class RunOutputTail
{
    public const int MaxBytes = 256 * 1024;

    public static async Task<(string Text, bool IsCut)> ReadAsync(
        RunRecord run,
        NanoClawPaths paths,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(run);
        var opening = RunLogFiles.OpenForReading(paths, run.Group, run.LogPath);
        if (opening.Handle is not { } handle)
            return Cut(RunLogFallback.Text(run, opening.Refusal));
        await using var log = new FileStream(handle, FileAccess.Read, bufferSize: 0);
        var start = Math.Max(0, log.Length - MaxBytes);
        log.Position = start;
        var buffer = new byte[log.Length - start];
        var read = await log.ReadAtLeastAsync(buffer, buffer.Length, false, cancellationToken);
        var bytes = buffer.AsSpan(0, read);
        if (start > 0 && bytes.IndexOf((byte)'\n') is >= 0 and var newline)
            bytes = bytes[(newline + 1)..];
        return (TerminalText.Clean(Encoding.UTF8.GetString(bytes)), start > 0);
    }

    private static (string, bool) Cut(string text) =>
        text.Length <= MaxBytes
            ? (TerminalText.Clean(text), false)
            : (TerminalText.Clean(text[^MaxBytes..]), true);
}
