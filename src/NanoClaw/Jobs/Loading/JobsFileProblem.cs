namespace NanoClaw.Jobs.Loading;

/// <summary>One problem in a jobs file, with where it is: <c>jobs.json:12:7: task 'x': unknown group 'opz'</c>.</summary>
public sealed record JobsFileProblem(
    string File,
    int Line,
    int Column,
    string? Subject,
    string Message
)
{
    public override string ToString() =>
        Subject is null
            ? $"{File}:{Line}:{Column}: {Message}"
            : $"{File}:{Line}:{Column}: {Subject}: {Message}";
}
