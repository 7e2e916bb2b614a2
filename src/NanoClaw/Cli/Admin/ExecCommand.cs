using System.CommandLine;
using System.Globalization;
using NanoClaw.Admin;
using NanoClaw.Cli.Arguments;
using NanoClaw.Configuration;

namespace NanoClaw.Cli.Admin;

/// <summary><c>nanoclaw exec --group G -- ARGV…</c>: an ad hoc command in a group.</summary>
internal static class ExecCommand
{
    public static Command Create(CliContext context)
    {
        var group = new Option<string>("--group")
        {
            Description = "The group to run in.",
            Required = true,
        };
        var mode = new Option<string>("--mode")
        {
            Description = "host or container (default: the group's).",
        };
        mode.AcceptOnlyFromAmong("host", "container");
        var timeout = CliOptions.Duration(
            "--timeout",
            "Kill the run after this long (default: the group's).",
            TimeSpan.FromSeconds(1),
            DurationText.MaxTimeout
        );
        var wait = new Option<bool>("--wait")
        {
            Description =
                "Wait for the run to end and print its record; exit 1 unless it succeeded.",
        };
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var argv = new Argument<string[]>("ARGV")
        {
            Description = "The program and its arguments (after --).",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("exec", "Run an ad hoc command in a group.")
        {
            group,
            mode,
            timeout,
            wait,
            json,
            argv,
        };
        command.SetAdminAction(
            context,
            async (parse, client, ct) =>
            {
                var request = new ExecRequest
                {
                    Group = parse.GetRequiredValue(group),
                    Command = parse.GetRequiredValue(argv),
                    Mode = parse.GetValue(mode),
                    Timeout = parse.GetValue(timeout)?.ToString("c", CultureInfo.InvariantCulture),
                };
                var queued = await client.PostAsync<QueuedRunView>("api/exec", request, ct);
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
