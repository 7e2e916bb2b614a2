namespace NanoClaw.Runs;

/// <summary>One hour of <see cref="RunActivity"/>: the runs started in it, by status (absent status: none).</summary>
public sealed record RunActivityHour(
    DateTimeOffset Start,
    IReadOnlyDictionary<RunStatus, int> Counts
)
{
    public int Total => Counts.Values.Sum();

    public int CountOf(RunStatus status) => Counts.GetValueOrDefault(status);
}
