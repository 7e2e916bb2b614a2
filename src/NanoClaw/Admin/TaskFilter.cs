namespace NanoClaw.Admin;

/// <summary>What the tasks page asks for: a search, filters, a sort and a page.</summary>
internal sealed record TaskFilter
{
    public const int DefaultPageSize = 50;

    /// <summary>Matches the task id, group, description or command/prompt, ignoring case.</summary>
    public string? Search { get; init; }
    public string? Group { get; init; }

    /// <summary><c>normal</c> or <c>paused</c>.</summary>
    public string? State { get; init; }

    /// <summary><c>file</c>, <c>api</c> or <c>agent</c>.</summary>
    public string? Source { get; init; }
    public TaskSort Sort { get; init; } = TaskSort.NextRun;
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = DefaultPageSize;

    public bool Matches(TaskView task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return (string.IsNullOrEmpty(Group) || task.Group == Group)
            && (string.IsNullOrEmpty(State) || task.State == State)
            && (string.IsNullOrEmpty(Source) || task.Source == Source)
            && (string.IsNullOrWhiteSpace(Search) || Searched(task, Search.Trim()));
    }

    private static bool Searched(TaskView task, string text) =>
        Contains(task.Id, text)
        || Contains(task.Group, text)
        || Contains(task.Description, text)
        || Contains(task.Schedule, text)
        || Contains(task.Definition?.Prompt, text)
        || (task.Definition?.Command ?? []).Any(part => Contains(part, text));

    private static bool Contains(string? value, string text) =>
        value is not null && value.Contains(text, StringComparison.OrdinalIgnoreCase);
}
