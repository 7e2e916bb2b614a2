namespace NanoClaw.Jobs;

/// <summary>The validated content of the jobs file.</summary>
public sealed record JobsFile
{
    public IReadOnlyDictionary<string, GroupDefinition> Groups { get; init; } =
        new Dictionary<string, GroupDefinition>();

    public IReadOnlyList<TaskDefinition> Tasks { get; init; } = [];
}
