using System.Globalization;
using NanoClaw.Runs;

namespace NanoClaw.Dashboard;

/// <summary>
/// The filters of <c>/runs</c> as the query string has them, read into a <see cref="RunPageQuery"/>;
/// every value that cannot be read is reported, by name, and nothing is queried then.
/// Times without an offset are UTC (the form's fields say so).
/// </summary>
internal sealed record RunFilter(
    string? Task,
    string? Group,
    string? Status,
    string? Trigger,
    string? From,
    string? To,
    string? Before
)
{
    public const int PageSize = 50;
    private const int MaxTextLength = 200;

    public (RunPageQuery? Query, IReadOnlyList<string> Problems) Read()
    {
        var problems = new List<string>();
        var query = new RunPageQuery
        {
            TaskId = Text(Task, "task", problems),
            Group = Text(Group, "group", problems),
            Limit = PageSize,
        };
        if (Blank(Status) is { } status)
        {
            if (RunStatusNames.Parse(status) is { } parsed)
                query = query with { Status = parsed };
            else
                problems.Add(
                    $"'status' must be one of {string.Join(", ", RunStatusNames.All)}, not '{Short(status)}'"
                );
        }
        if (Blank(Trigger) is { } trigger)
        {
            if (RunText.ParseTrigger(trigger) is { } parsed)
                query = query with { Trigger = parsed };
            else
                problems.Add(
                    $"'trigger' must be one of {string.Join(", ", RunText.TriggerNames)}, not '{Short(trigger)}'"
                );
        }
        query = query with { From = Time(From, "from", problems), To = Time(To, "to", problems) };
        if (query is { From: { } from, To: { } to } && from >= to)
            problems.Add("'from' must be before 'to'");
        if (Blank(Before) is { } before)
        {
            if (RunCursor.Parse(before) is { } cursor)
                query = query with { Before = cursor };
            else
                problems.Add(
                    $"'before' is not a page position this dashboard wrote: '{Short(before)}'"
                );
        }
        return problems.Count == 0 ? (query, problems) : (null, problems);
    }

    /// <summary>This filter's query string with <paramref name="before"/> as the page position (none: the newest page).</summary>
    public string Link(RunCursor? before)
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (Blank(value) is { } v)
                parts.Add(name + "=" + Uri.EscapeDataString(v));
        }
        Add("task", Task);
        Add("group", Group);
        Add("status", Status);
        Add("trigger", Trigger);
        Add("from", From);
        Add("to", To);
        Add("before", before?.ToString());
        return parts.Count == 0 ? "/runs" : "/runs?" + string.Join("&", parts);
    }

    private static string? Blank(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string? Text(string? value, string name, List<string> problems)
    {
        if (Blank(value) is not { } text)
            return null;
        if (text.Length <= MaxTextLength)
            return text;
        problems.Add($"'{name}' is longer than {MaxTextLength} characters");
        return null;
    }

    private static DateTimeOffset? Time(string? value, string name, List<string> problems)
    {
        if (Blank(value) is not { } text)
            return null;
        if (
            text.Length <= 40
            && DateTimeOffset.TryParse(
                text,
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
                out var at
            )
        )
            return at;
        problems.Add(
            $"'{name}' must be a time such as 2026-12-01T08:00 (UTC) or 2026-12-01T09:00+01:00, not '{Short(text)}'"
        );
        return null;
    }

    private static string Short(string value) => value.Length <= 60 ? value : value[..60] + "…";
}
