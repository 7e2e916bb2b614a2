using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using NanoClaw.Admin;
using NanoClaw.Runs;

namespace NanoClaw.Cli.Admin;

/// <summary>
/// <c>nanoclaw status</c>: whether the daemon is up and what it is doing, failing tasks first. A
/// daemon that cannot be reached is exit 3 with the URL tried (and <c>{"up": false}</c> with --json).
/// </summary>
internal static class StatusCommand
{
    public static Command Create(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print a JSON object." };
        var command = new Command(
            "status",
            "Show the daemon: node, version, uptime, store, counts, failing tasks."
        )
        {
            json,
        };
        command.SetAdminAction(
            context,
            async (parse, client, ct) =>
            {
                StatusView status;
                try
                {
                    status = await client.GetAsync<StatusView>("api/status", ct);
                }
                catch (AdminUnreachableException) when (parse.GetValue(json))
                {
                    Console.WriteLine(
                        new JsonObject { ["up"] = false, ["url"] = client.BaseUrl }.ToJsonString(
                            RunJson.Indented
                        )
                    );
                    throw;
                }
                if (parse.GetValue(json))
                {
                    var body = (JsonObject)JsonSerializer.SerializeToNode(status, RunJson.Options)!;
                    var answer = new JsonObject { ["up"] = true, ["url"] = client.BaseUrl };
                    foreach (var (name, value) in body.ToList())
                    {
                        body.Remove(name);
                        answer[name] = value;
                    }
                    Console.WriteLine(answer.ToJsonString(RunJson.Indented));
                }
                else
                    StatusText.Write(Console.Out, client.BaseUrl, status);
                return ExitCodes.Ok;
            }
        );
        return command;
    }
}
