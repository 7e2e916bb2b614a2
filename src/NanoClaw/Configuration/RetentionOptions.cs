namespace NanoClaw.Configuration;

/// <summary><c>NanoClaw:Retention</c>: how much run history is kept, so the store stays bounded.</summary>
public sealed class RetentionOptions
{
    /// <summary>Finished runs older than this are deleted, with their log files. Zero keeps them forever.</summary>
    public TimeSpan MaxAge { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Only this many newest finished runs of each task are kept. Zero keeps them all.</summary>
    public int MaxRunsPerTask { get; init; } = 1000;

    /// <summary>How often the history is pruned (also once shortly after start).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromHours(1);
}
