using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NanoClaw.Cli.Arguments;
using NanoClaw.Jobs;
using NanoClaw.Jobs.Cron;
using NanoClaw.Text;

namespace NanoClaw.Cli;

/// <summary>
/// <c>nanoclaw cron EXPR</c>: the next fire times of an expression, read exactly as a task's
/// <c>cron</c> is. Needs no configuration, store or daemon.
/// </summary>
internal static class CronCommand
{
    public static Command Create()
    {
        var expression = new Argument<string>("EXPR")
        {
            Description = "A 5-field crontab line or alias (@daily), or a 6/7-field Quartz cron.",
        };
        var zone = new Option<string>("--time-zone")
        {
            Description =
                "IANA time zone the expression is read in (default UTC), as a task's timeZone.",
        };
        var next = CliOptions.Count("--next", "How many fire times to print", 1, 1000, 5);
        var from = new Option<string>("--from")
        {
            Description =
                "Start at this ISO-8601 instant (2026-03-29T00:00:00+01:00) instead of now; a fire time at it counts.",
        };
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var command = new Command(
            "cron",
            "Print the next fire times of a cron expression, in its time zone and UTC."
        )
        {
            expression,
            zone,
            next,
            from,
            json,
        };
        command.SetAction(parse =>
            Run(
                new CronQuery(
                    parse.GetValue(expression)!,
                    parse.GetValue(zone),
                    parse.GetValue(next),
                    parse.GetValue(from)
                ),
                parse.GetValue(json),
                Console.Out,
                Console.Error
            )
        );
        return command;
    }

    private sealed record CronQuery(string Expression, string? Zone, int Count, string? From);

    private static int Run(CronQuery query, bool json, TextWriter output, TextWriter error)
    {
        if (TaskCron.TryParse(query.Expression, out var problem) is not { } cron)
        {
            error.WriteLine(problem);
            return ExitCodes.Invalid;
        }
        var zone = TimeZoneInfo.Utc;
        if (query.Zone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(query.Zone, out zone))
        {
            error.WriteLine(
                $"--time-zone: unknown time zone '{query.Zone}' (use an IANA id such as Europe/Berlin)"
            );
            return ExitCodes.Invalid;
        }
        var start = DateTimeOffset.UtcNow;
        if (query.From is not null && !IsoInstant.TryParse(query.From, out start))
        {
            error.WriteLine(
                $"--from: '{query.From}' is not an ISO-8601 instant with an offset (2026-12-01T03:00:00Z)"
            );
            return ExitCodes.Invalid;
        }
        // "From T" includes T: a fire time exactly at it is listed.
        var times = cron.Next(zone, start.AddTicks(-1), query.Count);
        if (cron.Warning is { } warning)
            error.WriteLine($"warning: {warning}");
        if (json)
            WriteJson(output, cron, zone, times);
        else
            WriteTable(output, cron, zone, times);
        return ExitCodes.Ok;
    }

    private static void WriteTable(
        TextWriter output,
        TaskCron cron,
        TimeZoneInfo zone,
        IReadOnlyList<DateTimeOffset> times
    )
    {
        output.WriteLine($"cron '{cron.Text}' ({Reading(cron)}) in {zone.Id}:");
        if (times.Count == 0)
            output.WriteLine("  no fire time within the next 45 years");
        foreach (var time in times)
        {
            var local = TimeZoneInfo.ConvertTime(time, zone);
            output.WriteLine(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"  {local:yyyy-MM-dd HH:mm:ss ddd} ({local:zzz})   {time.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC"
                )
            );
        }
    }

    private static void WriteJson(
        TextWriter output,
        TaskCron cron,
        TimeZoneInfo zone,
        IReadOnlyList<DateTimeOffset> times
    )
    {
        var document = new
        {
            expression = cron.Text,
            reading = Reading(cron),
            timeZone = zone.Id,
            warning = cron.Warning,
            fireTimes = times.Select(t => new
            {
                local = TimeZoneInfo.ConvertTime(t, zone),
                utc = t.ToUniversalTime(),
            }),
        };
        output.WriteLine(JsonSerializer.Serialize(document, JobsJson.Options));
    }

    private static string Reading(TaskCron cron) => cron.Crontab is not null ? "crontab" : "quartz";
}
