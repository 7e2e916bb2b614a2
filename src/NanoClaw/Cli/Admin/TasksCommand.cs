using System.CommandLine;
using System.Text.Json;
using NanoClaw.Admin;
using NanoClaw.Cli.Output;
using NanoClaw.Runs;

namespace NanoClaw.Cli.Admin;

/// <summary><c>nanoclaw tasks</c>: the tasks in the store, plus <c>tasks add</c> and <c>tasks remove</c>.</summary>
internal static class TasksCommand
{
    public static Command Create(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print a JSON array." };
        var command = new Command(
            "tasks",
            "List tasks with group, schedule, mode, state, next and last run."
        )
        {
            json,
            TaskAddCommand.Create(context),
            TaskRemoveCommand.Create(context),
            TaskShowCommand.Create(context),
        };
        command.SetAdminAction(
            context,
            async (parse, client, ct) =>
            {
                var tasks = TaskOrder.ByNextRun(
                    await client.GetAsync<List<TaskView>>("api/tasks", ct)
                );
                if (parse.GetValue(json))
                    Console.WriteLine(JsonSerializer.Serialize(tasks, RunJson.Indented));
                else
                    Write(tasks);
                return ExitCodes.Ok;
            }
        );
        return command;
    }

    private static void Write(IReadOnlyList<TaskView> tasks)
    {
        if (tasks.Count == 0)
        {
            Console.WriteLine("No tasks.");
            return;
        }
        TextTable.Write(
            Console.Out,
            [
                "TASK",
                "GROUP",
                "SOURCE",
                "SCHEDULE",
                "MODE",
                "STATE",
                Display.TimeHeader("NEXT RUN"),
                Display.TimeHeader("LAST RUN"),
            ],
            tasks.Select(t =>
                (IReadOnlyList<string>)
                    [
                        t.Id,
                        t.Group,
                        t.Source,
                        t.Schedule + (t.Enabled ? "" : " (disabled)"),
                        t.Mode,
                        Display.TaskState(t.State, t.TaskPaused, t.GroupPaused),
                        Display.Time(t.NextRunAt),
                        t.LastRun is { } last
                            ? $"{Display.Time(last.StartedAt)} {last.Status}"
                            : "-",
                    ]
            ),
            5,
            7
        );
    }
}
