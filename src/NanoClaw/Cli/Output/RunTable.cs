using System.Globalization;
using NanoClaw.Runs;

namespace NanoClaw.Cli.Output;

/// <summary><c>runs</c> as a table.</summary>
internal static class RunTable
{
    public static void Write(TextWriter writer, IReadOnlyList<RunRecord> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0)
        {
            writer.WriteLine("No runs.");
            return;
        }
        TextTable.Write(
            writer,
            [
                "RUN",
                "TASK",
                "GROUP",
                "TRIGGER",
                "STATUS",
                "EXIT",
                Display.TimeHeader("STARTED"),
                "DURATION",
            ],
            runs.Select(r =>
                (IReadOnlyList<string>)
                    [
                        r.Id,
                        Display.OrDash(r.TaskId),
                        r.Group,
                        Display.Lower(r.Trigger),
                        RunStatusNames.ToName(r.Status),
                        r.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "-",
                        Display.Time(r.StartedAt),
                        Display.Duration(r.DurationMs),
                    ]
            ),
            4
        );
    }
}
