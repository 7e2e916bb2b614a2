namespace NanoClaw.Runs;

/// <summary>Filters for run history; results are newest first.</summary>
public sealed record RunQuery
{
    public string? TaskId { get; init; }
    public string? Group { get; init; }
    public RunStatus? Status { get; init; }
    public int Limit { get; init; } = 20;

    /// <summary>Only runs whose id starts with this (a prefix an operator typed).</summary>
    public string? IdPrefix { get; init; }
}
