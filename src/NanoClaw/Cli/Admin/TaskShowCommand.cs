using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NanoClaw.Admin;
using NanoClaw.Cli.Arguments;
using NanoClaw.Cli.Output;
using NanoClaw.Runs;

namespace NanoClaw.Cli.Admin;

/// <summary>
/// <c>nanoclaw tasks show TASK_ID [--next N]</c>: one task's definition, source, state, latest runs and
/// next fire times, in the task's time zone beside UTC.
/// </summary>
internal static class TaskShowCommand
{
    public static Command Create(CliContext context)
    {
        var taskId = new Argument<string>("TASK_ID") { Description = "The task to show." };
        var next = CliOptions.Count(
            "--next",
            "How many next fire times to show",
            1,
            FireTimes.MaxCount,
            5
        );
        var json = new Option<bool>("--json") { Description = "Print a JSON object." };
        var command = new Command(
            "show",
            "Show one task: definition, state, last runs, next fire times."
        )
        {
            taskId,
            next,
            json,
        };
        command.SetAdminAction(
            context,
            async (parse, client, ct) =>
            {
                var id = Uri.EscapeDataString(parse.GetRequiredValue(taskId));
                var count = parse.GetValue(next);
                var task = await client.GetAsync<TaskView>(
                    $"api/tasks/{id}?next={count.ToString(CultureInfo.InvariantCulture)}",
                    ct
                );
                if (parse.GetValue(json))
                    Console.WriteLine(JsonSerializer.Serialize(task, RunJson.Indented));
                else
                    Write(Console.Out, task);
                return ExitCodes.Ok;
            }
        );
        return command;
    }

    private static void Write(TextWriter writer, TaskView task)
    {
        var d = task.Definition;
        Field(writer, "task", task.Id);
        Field(writer, "group", task.Group);
        Field(writer, "source", task.Source);
        Field(writer, "schedule", task.Schedule + (task.Enabled ? "" : " (disabled)"));
        Field(writer, "mode", task.Mode);
        Field(writer, "state", task.State);
        if (task.Description is { } description)
            Field(writer, "about", TerminalText.Escape(description));
        if (d is not null)
        {
            if (d.Command is { } argv)
                Field(writer, "command", TerminalText.Escape(string.Join(' ', argv.Select(Quote))));
            if (d.Prompt is { } prompt)
                Field(writer, "prompt", TerminalText.Escape(prompt.ReplaceLineEndings(" ")));
            Field(
                writer,
                "timeout",
                d.Timeout?.ToString("c", CultureInfo.InvariantCulture) ?? "default"
            );
            Field(writer, "misfire", JsonNamingPolicy.CamelCase.ConvertName(d.Misfire.ToString()));
            Field(writer, "context", Display.Lower(d.ContextMode));
            if (d.Env.Count > 0)
                Field(writer, "env", string.Join(' ', d.Env.Keys.Order(StringComparer.Ordinal)));
        }
        writer.WriteLine();
        var zone = ZoneOf(d?.TimeZone);
        var nextRuns = task.NextRuns ?? [];
        if (nextRuns.Count == 0)
            writer.WriteLine(
                task.State == "paused"
                    ? "Next runs: none while paused."
                    : "Next runs: none scheduled."
            );
        else
        {
            writer.WriteLine(
                $"Next runs ({(zone == TimeZoneInfo.Utc ? "UTC" : zone.Id + ", UTC")}):"
            );
            foreach (var at in nextRuns)
                writer.WriteLine("  " + FireTime(at, zone));
        }
        writer.WriteLine();
        var lastRuns = task.LastRuns ?? [];
        if (lastRuns.Count == 0)
        {
            writer.WriteLine("Last runs: none.");
            return;
        }
        writer.WriteLine("Last runs:");
        TextTable.Write(
            writer,
            ["RUN", "TRIGGER", "STATUS", "EXIT", "STARTED", "DURATION"],
            lastRuns.Select(r =>
                (IReadOnlyList<string>)
                    [
                        r.Id,
                        r.Trigger,
                        r.Status,
                        r.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "-",
                        Display.Time(r.StartedAt),
                        Display.Duration(r.DurationMs),
                    ]
            )
        );
    }

    private static string FireTime(DateTimeOffset at, TimeZoneInfo zone)
    {
        var utc = at.ToUniversalTime()
            .ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
        if (zone == TimeZoneInfo.Utc)
            return utc;
        var local = TimeZoneInfo.ConvertTime(at, zone);
        return $"{local.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture)}  ({utc})";
    }

    private static TimeZoneInfo ZoneOf(string? id)
    {
        if (id is null)
            return TimeZoneInfo.Utc;
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }

    private static string Quote(string arg) =>
        arg.Length > 0 && arg.All(c => char.IsLetterOrDigit(c) || "-_./=:,@%+".Contains(c))
            ? arg
            : "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static void Field(TextWriter writer, string name, string value) =>
        writer.WriteLine($"{name + ":", -10}{value}");
}
