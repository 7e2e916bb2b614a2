using System.Globalization;
using NanoClaw.Admin;
using NanoClaw.Cli.Output;

namespace NanoClaw.Cli.Admin;

/// <summary><c>status</c> for people: failing tasks right under the first line, then the rest.</summary>
internal static class StatusText
{
    public static void Write(TextWriter writer, string url, StatusView status)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(status);
        writer.WriteLine(
            $"NanoClaw is up at {url} (node {status.Node}, version {status.Version})."
        );
        if (status.FailingTasks.Count > 0)
        {
            writer.WriteLine();
            writer.WriteLine($"Failing tasks ({status.FailingTasks.Count}):");
            TextTable.Write(
                writer,
                ["TASK", "GROUP", "LAST", "IN A ROW", "SINCE", "RUN", "ERROR"],
                status.FailingTasks.Select(f =>
                    (IReadOnlyList<string>)
                        [
                            f.TaskId,
                            f.Group,
                            f.Status,
                            f.Failures.ToString(CultureInfo.InvariantCulture),
                            Display.Time(f.Since),
                            f.RunId,
                            OneLine(f.Error),
                        ]
                )
            );
        }
        writer.WriteLine();
        Field(
            writer,
            "uptime",
            $"{Uptime(status.UptimeSeconds)} (since {Display.Time(status.StartedAt)})"
        );
        Field(
            writer,
            "store",
            $"{status.Store.Provider} {status.Store.Path} ({status.Store.Health}{(status.Store.Problem is { } p ? ": " + TerminalText.Escape(p) : "")})"
        );
        Field(
            writer,
            "tasks",
            $"{status.Tasks} ({status.PausedTasks} paused) in {status.Groups} group(s)"
        );
        Field(writer, "runs", $"{status.RunningRuns} running, {status.QueuedRuns} queued");
        if (status.LastFailures.Count == 0)
        {
            Field(writer, "failures", "none recorded");
            return;
        }
        writer.WriteLine();
        writer.WriteLine("Last failures:");
        TextTable.Write(
            writer,
            ["RUN", "TASK", "GROUP", "STATUS", "AT", "ERROR"],
            status.LastFailures.Select(f =>
                (IReadOnlyList<string>)
                    [
                        f.Id,
                        Display.OrDash(f.TaskId),
                        f.Group,
                        f.Status,
                        Display.Time(f.At),
                        OneLine(f.Error),
                    ]
            )
        );
    }

    private static void Field(TextWriter writer, string name, string value) =>
        writer.WriteLine($"{name + ":", -10}{value}");

    /// <summary>Errors are the run's or the runner's text: one escaped line, cut short for a table.</summary>
    private static string OneLine(string? error)
    {
        if (string.IsNullOrEmpty(error))
            return "-";
        var line = TerminalText.Escape(error.ReplaceLineEndings(" "));
        return line.Length <= 60 ? line : line[..59] + "…";
    }

    private static string Uptime(long seconds)
    {
        var span = TimeSpan.FromSeconds(Math.Max(0, seconds));
        return span.TotalDays >= 1 ? $"{(int)span.TotalDays}d {span.Hours}h {span.Minutes:00}m"
            : span.TotalHours >= 1 ? $"{span.Hours}h {span.Minutes:00}m"
            : $"{span.Minutes}m {span.Seconds:00}s";
    }
}
