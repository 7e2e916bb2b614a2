using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NanoClaw.Admin;
using NanoClaw.Cli.Output;
using NanoClaw.Runs;

namespace NanoClaw.Cli.Admin;

/// <summary><c>nanoclaw groups</c>: each group with its state, the run it is running and its queue.</summary>
internal static class GroupsCommand
{
    public static Command Create(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print a JSON array." };
        var command = new Command("groups", "List groups with state, running run and queue length.")
        {
            json,
        };
        command.SetAdminAction(
            context,
            async (parse, client, ct) =>
            {
                var groups = await client.GetAsync<List<GroupView>>("api/groups", ct);
                if (parse.GetValue(json))
                    Console.WriteLine(JsonSerializer.Serialize(groups, RunJson.Indented));
                else
                    Write(groups, DateTimeOffset.UtcNow);
                return ExitCodes.Ok;
            }
        );
        return command;
    }

    private static void Write(List<GroupView> groups, DateTimeOffset now)
    {
        if (groups.Count == 0)
        {
            Console.WriteLine("No groups.");
            return;
        }
        TextTable.Write(
            Console.Out,
            ["GROUP", "MAIN", "MODE", "STATE", "TASKS", "RUNNING", "QUEUED"],
            groups.Select(g =>
                (IReadOnlyList<string>)
                    [
                        g.Name,
                        g.IsMain ? "yes" : "-",
                        g.Mode,
                        g.State,
                        g.Tasks.ToString(CultureInfo.InvariantCulture),
                        g.Running is { } run
                            ? $"{run.Id} {run.TaskId ?? "(exec)"} {Display.Duration((long)Math.Max(0, (now - run.StartedAt).TotalMilliseconds))}"
                            : "-",
                        g.Queued.ToString(CultureInfo.InvariantCulture),
                    ]
            )
        );
    }
}
