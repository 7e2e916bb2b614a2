using System.Globalization;
using NanoClaw.Runs;

namespace NanoClaw.Cli.Output;

/// <summary>
/// <c>run RUN_ID</c> for people: the record's fields, then its kept output. What a run controls
/// (error, result, output) is shown through <see cref="TerminalText"/> unless <c>raw</c>.
/// </summary>
internal static class RunDetails
{
    public static void Write(TextWriter writer, RunRecord run, bool raw = false)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(run);
        Field(writer, "run", run.Id);
        Field(writer, "task", Display.OrDash(run.TaskId));
        Field(writer, "group", run.Group);
        Field(writer, "mode", Display.Lower(run.Mode));
        Field(writer, "trigger", Display.Lower(run.Trigger));
        Field(writer, "status", StatusColour.Apply(RunStatusNames.ToName(run.Status)));
        Field(writer, "exit code", run.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "-");
        Field(writer, "scheduled", Display.TimeWithZone(run.ScheduledAt));
        Field(writer, "started", Display.TimeWithZone(run.StartedAt));
        Field(writer, "finished", Display.TimeWithZone(run.FinishedAt));
        Field(writer, "duration", Display.Duration(run.DurationMs));
        Field(writer, "node", run.Node);
        var show = raw ? (Func<string, string>)(text => text) : TerminalText.Escape;
        if (run.Error is not null)
            Field(writer, "error", show(run.Error));
        if (run.Result is { } result)
            Field(writer, "result", show(result.GetRawText()));
        if (run.LogPath is not null)
            Field(writer, "log", run.LogPath);
        WriteInput(writer, run, show);
        Stream(writer, "stdout", show(run.Stdout), run.StdoutTruncated);
        Stream(writer, "stderr", show(run.Stderr), run.StderrTruncated);
    }

    /// <summary>
    /// An agent run's session fields, then its prompt as a block (prompts span lines). Both come
    /// from the task's author or an agent, so they are shown like output.
    /// </summary>
    private static void WriteInput(TextWriter writer, RunRecord run, Func<string, string> show)
    {
        if (!run.IsInputRecorded && run.TaskId is not null)
        {
            Field(writer, "prompt", "not recorded (run from before runs kept their prompt)");
            return;
        }
        if (run.Prompt is not null || run.SessionId is not null)
            Field(writer, "session", run.SessionId is { } session ? show(session) : "new");
        if (run.NewSessionId is { } reported)
            Field(writer, "new session", show(reported));
        if (run.Prompt is { } prompt)
            Stream(writer, "prompt", show(prompt), truncated: false);
    }

    private static void Field(TextWriter writer, string name, string value) =>
        writer.WriteLine($"{name + ":", -11}{value}");

    private static void Stream(TextWriter writer, string name, string text, bool truncated)
    {
        if (text.Length == 0 && !truncated)
            return;
        writer.WriteLine();
        writer.WriteLine(
            truncated
                ? $"--- {name} (truncated: the end is kept; the log has it all) ---"
                : $"--- {name} ---"
        );
        writer.Write(text);
        if (!text.EndsWith('\n'))
            writer.WriteLine();
    }
}
