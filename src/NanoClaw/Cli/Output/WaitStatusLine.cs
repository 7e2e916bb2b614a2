using NanoClaw.Runs;

namespace NanoClaw.Cli.Output;

/// <summary>
/// The one line <c>--wait</c> keeps rewriting on a terminal: <c>Run 0192…: queued 3s</c>, then
/// <c>running 12s</c>, then how it ended. Nothing of it is written when stdout is not a terminal.
/// </summary>
internal static class WaitStatusLine
{
    /// <summary>Carriage return, then erase the line: the next text replaces the previous one.</summary>
    public const string Rewind = "\r\u001b[2K";

    public static string Render(string runId, RunRecord? run, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(runId);
        return run switch
        {
            null or { Status: RunStatus.Queued } =>
                $"Run {runId}: queued{Since(run?.ScheduledAt, now)}",
            { Status: RunStatus.Running } => $"Run {runId}: running{Since(run.StartedAt, now)}",
            _ =>
                $"Run {runId}: {RunStatusNames.ToName(run.Status)} after {Display.Duration(run.DurationMs)}",
        };
    }

    private static string Since(DateTimeOffset? from, DateTimeOffset now)
    {
        if (from is not { } start)
            return "";
        var seconds = Math.Max(0, (long)(now - start).TotalSeconds);
        return seconds < 60 ? $" {seconds}s" : $" {seconds / 60}m {seconds % 60:00}s";
    }
}
