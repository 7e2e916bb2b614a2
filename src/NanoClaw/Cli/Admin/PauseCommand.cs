using System.CommandLine;
using NanoClaw.Admin;
using NanoClaw.Cli.Output;

namespace NanoClaw.Cli.Admin;

/// <summary><c>nanoclaw pause|resume TASK_ID</c> or <c>--group G</c>; the store keeps it across restarts.</summary>
internal static class PauseCommand
{
    public static Command Create(CliContext context, bool pause)
    {
        var verb = pause ? "pause" : "resume";
        var taskId = new Argument<string>("TASK_ID")
        {
            Description = $"The task to {verb}.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var group = new Option<string>("--group")
        {
            Description = $"{(pause ? "Pause" : "Resume")} a whole group instead.",
        };
        var command = new Command(
            verb,
            pause
                ? "Pause a task or a group; runs already going finish. Survives restarts."
                : "Resume a paused task or group."
        )
        {
            taskId,
            group,
        };
        command.Validators.Add(r =>
        {
            if ((r.GetValue(taskId) is null) == (r.GetValue(group) is null))
                r.AddError($"Give either a TASK_ID or --group G to {verb}.");
        });
        command.SetAdminAction(
            context,
            async (parse, client, ct) =>
            {
                if (parse.GetValue(group) is { } g)
                {
                    var view = await client.PostAsync<GroupView>(
                        $"api/groups/{Uri.EscapeDataString(g)}/{verb}",
                        null,
                        ct
                    );
                    Console.WriteLine($"Group {view.Name}: {view.State}.");
                    if (!pause && view.PausedTasks > 0)
                        Console.WriteLine(
                            $"{view.PausedTasks} task(s) paused on their own stay paused; 'nanoclaw resume TASK_ID' resumes one."
                        );
                }
                else
                {
                    var id = parse.GetRequiredValue(taskId);
                    var view = await client.PostAsync<TaskView>(
                        $"api/tasks/{Uri.EscapeDataString(id)}/{verb}",
                        null,
                        ct
                    );
                    Console.WriteLine(
                        $"Task {view.Id}: {Display.TaskState(view.State, view.TaskPaused, view.GroupPaused)}."
                    );
                    if (!pause && view.GroupPaused)
                        Console.WriteLine(
                            $"It waits for its group, which is paused: 'nanoclaw resume --group {view.Group}' lets it run."
                        );
                }
                return ExitCodes.Ok;
            }
        );
        return command;
    }
}
