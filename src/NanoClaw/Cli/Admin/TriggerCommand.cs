using System.CommandLine;
using NanoClaw.Admin;

namespace NanoClaw.Cli.Admin;

/// <summary><c>nanoclaw trigger TASK_ID</c>: run a task now, queued behind its group's running task.</summary>
internal static class TriggerCommand
{
    public static Command Create(CliContext context)
    {
        var taskId = new Argument<string>("TASK_ID") { Description = "The task to run now." };
        var wait = new Option<bool>("--wait")
        {
            Description =
                "Wait for the run to end and print its record; exit 1 unless it succeeded.",
        };
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var command = new Command(
            "trigger",
            "Run a task now, ad hoc, through its group's serialisation."
        )
        {
            taskId,
            wait,
            json,
        };
        command.SetAdminAction(
            context,
            async (parse, client, ct) =>
            {
                var id = Uri.EscapeDataString(parse.GetRequiredValue(taskId));
                var queued = await client.PostAsync<QueuedRunView>(
                    $"api/tasks/{id}/trigger",
                    null,
                    ct
                );
                return await QueuedRunOutput.WriteAsync(
                    client,
                    queued,
                    parse.GetValue(wait),
                    parse.GetValue(json),
                    ct
                );
            }
        );
        return command;
    }
}
