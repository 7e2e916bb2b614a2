using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using NanoClaw.Admin;
using NanoClaw.Cli.Arguments;
using NanoClaw.Configuration;

namespace NanoClaw.Cli.Admin;

/// <summary>
/// <c>nanoclaw tasks add --id X --group G [schedule] (--prompt P | -- ARGV…)</c>: a task kept in the
/// store, never touched by the jobs file. The options map one to one onto a jobs-file task, which
/// the daemon checks by the same rules.
/// </summary>
internal static class TaskAddCommand
{
    public static Command Create(CliContext context)
    {
        var id = new Option<string>("--id") { Description = "The task's id.", Required = true };
        var group = new Option<string>("--group")
        {
            Description = "The group it runs in.",
            Required = true,
        };
        var cron = new Option<string>("--cron")
        {
            Description = "5-field Unix or 6/7-field Quartz cron.",
        };
        var timeZone = new Option<string>("--time-zone")
        {
            Description = "IANA time zone for --cron (default UTC).",
        };
        var interval = CliOptions.Duration(
            "--interval",
            "Run every so long.",
            TimeSpan.FromSeconds(1)
        );
        var once = new Option<string>("--once")
        {
            Description = "Run once at this ISO-8601 time with offset.",
        };
        var prompt = new Option<string>("--prompt")
        {
            Description = "A prompt for the agent command, instead of ARGV.",
        };
        var timeout = CliOptions.Duration(
            "--timeout",
            "Kill a run after this long.",
            TimeSpan.FromSeconds(1),
            DurationText.MaxTimeout
        );
        var mode = new Option<string>("--mode") { Description = "host or container." };
        var misfire = new Option<string>("--misfire")
        {
            Description = "runOnce (default) or skip.",
        };
        var contextMode = new Option<string>("--context-mode")
        {
            Description = "isolated (default) or group.",
        };
        var description = new Option<string>("--description")
        {
            Description = "What the task is for.",
        };
        var env = new Option<string[]>("--env")
        {
            Description = "NAME=VALUE for the run's environment; repeatable.",
            AllowMultipleArgumentsPerToken = false,
        };
        var disabled = new Option<bool>("--disabled") { Description = "Create it disabled." };
        var argv = new Argument<string[]>("ARGV")
        {
            Description = "The command and its arguments (after --).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command(
            "add",
            "Add a task at run time; it survives restarts and jobs-file reloads."
        )
        {
            id,
            group,
            cron,
            timeZone,
            interval,
            once,
            prompt,
            timeout,
            mode,
            misfire,
            contextMode,
            description,
            env,
            disabled,
            argv,
        };
        command.SetAdminAction(
            context,
            async (parse, client, ct) =>
            {
                var task = new JsonObject
                {
                    ["id"] = parse.GetValue(id),
                    ["group"] = parse.GetValue(group),
                };
                void Put(string name, Option<string> option)
                {
                    if (parse.GetValue(option) is { } value)
                        task[name] = value;
                }
                Put("cron", cron);
                Put("timeZone", timeZone);
                void PutDuration(string name, Option<TimeSpan?> option)
                {
                    if (parse.GetValue(option) is { } value)
                        task[name] = value.ToString("c", CultureInfo.InvariantCulture);
                }
                PutDuration("interval", interval);
                Put("once", once);
                Put("prompt", prompt);
                PutDuration("timeout", timeout);
                Put("executionMode", mode);
                Put("misfire", misfire);
                Put("contextMode", contextMode);
                Put("description", description);
                if (parse.GetValue(argv) is { Length: > 0 } args)
                    task["command"] = new JsonArray([.. args.Select(a => JsonValue.Create(a))]);
                if (parse.GetValue(disabled))
                    task["enabled"] = false;
                if (parse.GetValue(env) is { Length: > 0 } pairs)
                {
                    var variables = new JsonObject();
                    foreach (var pair in pairs)
                    {
                        var equals = pair.IndexOf('=', StringComparison.Ordinal);
                        if (equals <= 0)
                        {
                            await Console.Error.WriteLineAsync(
                                $"--env '{pair}' must be NAME=VALUE."
                            );
                            return ExitCodes.Invalid;
                        }
                        variables[pair[..equals]] = pair[(equals + 1)..];
                    }
                    task["env"] = variables;
                }
                var created = await client.PostAsync<TaskView>("api/tasks", task, ct);
                Console.WriteLine(
                    $"Task {created.Id} added to group {created.Group} ({created.Schedule})."
                );
                return ExitCodes.Ok;
            }
        );
        return command;
    }
}
