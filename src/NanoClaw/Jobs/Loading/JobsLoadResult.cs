namespace NanoClaw.Jobs.Loading;

/// <summary>The jobs file, or every problem with it. <see cref="File"/> is null whenever there is a problem: a file is never partly applied.</summary>
public sealed record JobsLoadResult(JobsFile? File, IReadOnlyList<JobsFileProblem> Problems)
{
    public bool IsValid => File is not null;
}
