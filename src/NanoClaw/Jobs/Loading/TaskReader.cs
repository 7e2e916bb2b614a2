using NanoClaw.Configuration;
using NanoClaw.Jobs.Cron;
using NanoClaw.Text;

namespace NanoClaw.Jobs.Loading;

/// <summary>Reads and checks one task of a jobs file (or one created through the admin API).</summary>
internal static class TaskReader
{
    internal static readonly string[] Known =
    [
        "id",
        "group",
        "cron",
        "timeZone",
        "interval",
        "once",
        "command",
        "prompt",
        "executionMode",
        "timeout",
        "env",
        "enabled",
        "misfire",
        "contextMode",
        "description",
        "gate",
        "gateTimeout",
        "retry",
        "notify",
    ];

    private static readonly string[] ScheduleFields = ["cron", "interval", "once"];

    public static TaskDefinition? Read(
        PositionedJson json,
        IReadOnlyDictionary<string, GroupDefinition> groups,
        ProblemList problems,
        TaskSource source
    )
    {
        if (json.Kind != JsonKind.Object)
        {
            problems.Add(json, null, $"a task must be an object, not {json.Describe()}");
            return null;
        }
        var id = json.Properties.FirstOrDefault(p => p.Name == "id")?.Value.Text;
        var subject = id is null ? "task" : $"task '{id}'";
        var fields = new ObjectFields(json, subject, problems, Known);
        var before = problems.Items.Count;

        if (fields.String("id") is not { } taskId)
            problems.Add(json, subject, "'id' is required");
        else if (!Names.IsValid(taskId))
            fields.Report(
                fields.Get("id")!,
                $"the id must match {Names.Pattern} (it becomes a folder and container name)"
            );

        var group = fields.String("group");
        if (group is null)
            problems.Add(json, subject, "'group' is required");
        else if (!groups.ContainsKey(group))
            fields.Report(fields.Get("group")!, $"unknown group '{group}'{Declared(groups)}");

        var cron = ReadCron(fields);
        var interval = fields.Duration("interval", TimeSpan.FromSeconds(1));
        var once = ReadOnce(fields);
        var schedules = ScheduleFields.Where(fields.Has).ToList();
        if (schedules.Count > 1)
            fields.Report(
                fields.Get(schedules[1])!,
                $"a task has at most one schedule, but this one has {string.Join(" and ", schedules)}"
            );
        var timeZone = ReadTimeZone(fields);

        var command = ReadArgv(fields, "command");
        var prompt = fields.String("prompt");
        if (prompt is not null && string.IsNullOrWhiteSpace(prompt))
            fields.Report(fields.Get("prompt")!, "'prompt' must not be empty");
        if (fields.Has("command") == fields.Has("prompt"))
            problems.Add(
                json,
                subject,
                "a task needs exactly one of 'command' (an argv array) or 'prompt' (text for the agent)"
            );

        var (gate, gateTimeout) = ReadGate(fields);

        var task = new TaskDefinition
        {
            Id = id ?? "",
            Group = group ?? "",
            Cron = cron,
            TimeZone = timeZone,
            Interval = interval,
            Once = once,
            Command = command,
            Prompt = prompt,
            Gate = gate,
            GateTimeout = gateTimeout,
            ExecutionMode = fields.Enum<ExecutionMode>("executionMode"),
            Timeout = fields.Duration("timeout", TimeSpan.FromSeconds(1), DurationText.MaxTimeout),
            Env = fields.Env("env") ?? new Dictionary<string, string>(),
            Enabled = fields.Bool("enabled") ?? true,
            Misfire = fields.Enum<MisfirePolicy>("misfire") ?? MisfirePolicy.RunOnce,
            ContextMode = fields.Enum<ContextMode>("contextMode") ?? ContextMode.Isolated,
            Description = fields.String("description"),
            Source = source,
            Retry = RetryReader.Read(fields, subject, problems),
            Notify = NotifyReader.Read(
                fields,
                subject,
                problems,
                allowCommands: source == TaskSource.File
            ),
        };
        // A webhook reaches the network, and a run's error text travels in its body: a task made by
        // anyone but an operator (the jobs file, the admin API) could use it to leak past its sandbox.
        if (source is not (TaskSource.File or TaskSource.Api) && fields.Has("notify"))
            fields.Report(
                fields.Get("notify")!,
                "'notify' can only be set in the jobs file or through the admin API; the task's group's targets apply"
            );
        return problems.Items.Count == before ? task : null;
    }

    private static string? ReadCron(ObjectFields fields)
    {
        var cron = fields.String("cron");
        if (cron is not null && TaskCron.TryParse(cron, out var error) is null)
            fields.Report(fields.Get("cron")!, error!);
        return cron;
    }

    private static string? ReadTimeZone(ObjectFields fields)
    {
        var zone = fields.String("timeZone");
        if (zone is null)
            return null;
        if (!fields.Has("cron"))
            fields.Report(fields.Get("timeZone")!, "'timeZone' applies only to a 'cron' schedule");
        else if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
            fields.Report(
                fields.Get("timeZone")!,
                $"unknown time zone '{zone}' (use an IANA id such as Europe/Berlin)"
            );
        return zone;
    }

    private static DateTimeOffset? ReadOnce(ObjectFields fields)
    {
        var text = fields.String("once");
        if (text is null)
            return null;
        if (!IsoInstant.TryParse(text, out var once))
        {
            fields.Report(
                fields.Get("once")!,
                $"'once' must be an ISO-8601 instant with an offset (2026-12-01T03:00:00Z), not '{text}'"
            );
            return null;
        }
        return once;
    }

    /// <summary>
    /// A gate decides whether an agent is woken, so it belongs to prompt tasks only: a command task
    /// can make the same decision itself, at the same cost.
    /// </summary>
    private static (IReadOnlyList<string>? Gate, TimeSpan? Timeout) ReadGate(ObjectFields fields)
    {
        var gate = ReadArgv(fields, "gate");
        var timeout = fields.Duration("gateTimeout", TimeSpan.FromSeconds(1));
        if (fields.Has("gate") && fields.Has("command"))
            fields.Report(
                fields.Get("gate")!,
                "'gate' applies only to prompt tasks: it decides whether the agent is woken, and a command can decide that itself"
            );
        if (fields.Has("gateTimeout") && !fields.Has("gate"))
            fields.Report(fields.Get("gateTimeout")!, "'gateTimeout' applies only with a 'gate'");
        return (gate, timeout);
    }

    private static IReadOnlyList<string>? ReadArgv(ObjectFields fields, string name)
    {
        var array = fields.Of(JsonKind.Array, name, "an array of strings (argv)");
        if (array is null)
            return null;
        if (
            array.Items.Count == 0
            || array.Items.Any(i => i.Kind != JsonKind.String)
            || string.IsNullOrWhiteSpace(array.Items[0].Text)
        )
        {
            fields.Report(
                array,
                $"'{name}' must be a non-empty array of strings whose first item names the program"
            );
            return null;
        }
        foreach (var item in array.Items)
        {
            if (InputLimits.Utf8Length(item.Text!) > InputLimits.MaxArgumentBytes)
                fields.Report(
                    item,
                    $"a '{name}' argument of {InputLimits.Utf8Length(item.Text!)} bytes is longer than Linux lets a program be started with ({InputLimits.MaxArgumentBytes} bytes); pass large input in a file"
                );
        }
        return [.. array.Items.Select(i => i.Text!)];
    }

    private static string Declared(IReadOnlyDictionary<string, GroupDefinition> groups) =>
        groups.Count == 0
            ? " (no groups are declared)"
            : $" (declared: {string.Join(", ", groups.Keys.Order(StringComparer.Ordinal))})";
}
