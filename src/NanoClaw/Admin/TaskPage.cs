namespace NanoClaw.Admin;

/// <summary>One page of a filtered task list, with the counts and choices the page shows.</summary>
internal sealed record TaskPage(
    IReadOnlyList<TaskView> Tasks,
    int Matching,
    int Total,
    int Page,
    int PageCount,
    IReadOnlyList<string> Groups
);
