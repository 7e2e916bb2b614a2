namespace NanoClaw.Jobs.Loading;

/// <summary>Reads and checks the <c>notify</c> list of a task or group (README "Notifications").</summary>
internal static class NotifyReader
{
    public const int MaxTargets = 16;
    private const int MaxUrlLength = 2048;

    /// <remarks>
    /// Command targets are allowed (<c>allowCommands</c>) only in the jobs file: a command target runs
    /// on the host outside any sandbox, which the admin API and agents must not be able to ask for.
    /// </remarks>
    public static IReadOnlyList<NotifyTarget>? Read(
        ObjectFields owner,
        string? subject,
        ProblemList problems,
        bool allowCommands
    )
    {
        var array = owner.Of(JsonKind.Array, "notify", "an array of targets");
        if (array is null)
            return null;
        if (array.Items.Count > MaxTargets)
            owner.Report(
                array,
                $"'notify' has {array.Items.Count} targets; at most {MaxTargets} are allowed"
            );
        var targets = new List<NotifyTarget>();
        foreach (var item in array.Items)
        {
            if (item.Kind != JsonKind.Object)
            {
                problems.Add(
                    item,
                    subject,
                    $"a 'notify' target must be an object ({{\"webhook\": …}} or {{\"command\": […]}}), not {item.Describe()}"
                );
                continue;
            }
            if (ReadTarget(item, subject, problems, allowCommands) is { } target)
                targets.Add(target);
        }
        return targets;
    }

    private static NotifyTarget? ReadTarget(
        PositionedJson json,
        string? subject,
        ProblemList problems,
        bool allowCommands
    )
    {
        var before = problems.Items.Count;
        var fields = new ObjectFields(json, subject, problems, "webhook", "command", "events");
        if (fields.Has("webhook") == fields.Has("command"))
            problems.Add(
                json,
                subject,
                "a 'notify' target needs exactly one of 'webhook' (an http or https URL) or 'command' (an argv array)"
            );
        var webhook = fields.String("webhook");
        if (webhook is not null && WebhookProblem(webhook) is { } problem)
            fields.Report(fields.Get("webhook")!, problem);
        var command = ReadCommand(fields);
        if (command is not null && !allowCommands)
            fields.Report(
                fields.Get("command")!,
                "a 'command' notify target can only be set in the jobs file (it runs on the host, outside any sandbox)"
            );
        var events = ReadEvents(fields);
        return problems.Items.Count == before
            ? new NotifyTarget
            {
                Webhook = webhook,
                Command = command,
                Events = events ?? NotifyEvents.OnChange,
            }
            : null;
    }

    /// <summary>Why <paramref name="url"/> is no webhook URL, or null.</summary>
    public static string? WebhookProblem(string url)
    {
        if (url.Length > MaxUrlLength)
            return $"'webhook' must be at most {MaxUrlLength} characters long";
        if (
            !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https")
            || string.IsNullOrEmpty(uri.Host)
        )
            return $"'webhook' must be an absolute http or https URL, not '{url}'";
        // Credentials in the URL would land in logs and in every delivery record.
        if (uri.UserInfo.Length > 0)
            return "'webhook' must not carry a user name or password; check the X-NanoClaw-Signature header instead";
        return null;
    }

    private static List<string>? ReadCommand(ObjectFields fields)
    {
        var array = fields.Of(JsonKind.Array, "command", "an array of strings (argv)");
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
                "'command' of a notify target must be a non-empty array of strings whose first item names the program"
            );
            return null;
        }
        return [.. array.Items.Select(i => i.Text!)];
    }

    private static List<string>? ReadEvents(ObjectFields fields)
    {
        var array = fields.Of(JsonKind.Array, "events", "an array of event names");
        if (array is null)
            return null;
        var events = new List<string>();
        foreach (var item in array.Items)
        {
            if (
                item.Kind == JsonKind.String
                && NotifyEvents.All.Contains(item.Text!, StringComparer.Ordinal)
            )
            {
                if (!events.Contains(item.Text!, StringComparer.Ordinal))
                    events.Add(item.Text!);
            }
            else
                fields.Report(
                    item,
                    $"unknown notify event {(item.Kind == JsonKind.String ? $"'{item.Text}'" : item.Describe())} (known: {string.Join(", ", NotifyEvents.All)})"
                );
        }
        if (array.Items.Count == 0)
            fields.Report(
                array,
                "'events' must name at least one event; leave the target out to send nothing"
            );
        return events;
    }
}
