using System.CommandLine;

namespace NanoClaw.Cli.Admin;

/// <summary><c>nanoclaw tasks remove TASK_ID</c>: delete a task created at run time.</summary>
internal static class TaskRemoveCommand
{
    public static Command Create(CliContext context)
    {
        var taskId = new Argument<string>("TASK_ID")
        {
            Description = "The task to remove (tasks from the jobs file are removed there).",
        };
        var command = new Command("remove", "Remove a task created with 'tasks add'.") { taskId };
        command.SetAdminAction(
            context,
            async (parse, client, ct) =>
            {
                var id = parse.GetRequiredValue(taskId);
                await client.DeleteAsync($"api/tasks/{Uri.EscapeDataString(id)}", ct);
                Console.WriteLine($"Task {id} removed.");
                return ExitCodes.Ok;
            }
        );
        return command;
    }
}
