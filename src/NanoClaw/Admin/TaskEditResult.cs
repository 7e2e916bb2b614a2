using NanoClaw.Scheduling;

namespace NanoClaw.Admin;

/// <summary>What <see cref="TaskEditing"/> did: the stored task when done, else why nothing was changed.</summary>
internal sealed record TaskEditResult(TaskEditOutcome Outcome)
{
    public StoredTaskInfo? Task { get; init; }

    public IReadOnlyList<TaskFieldProblem> Problems { get; init; } = [];

    /// <summary>Why, in a sentence, for every outcome but <see cref="TaskEditOutcome.Invalid"/>.</summary>
    public string? Message { get; init; }
}
