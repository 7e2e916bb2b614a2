namespace NanoClaw.Jobs.Loading;

/// <summary>A task created at run time, or every problem with it (and no task).</summary>
public sealed record TaskLoadResult(TaskDefinition? Task, IReadOnlyList<JobsFileProblem> Problems);
