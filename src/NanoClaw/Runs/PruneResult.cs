namespace NanoClaw.Runs;

/// <summary>What a history prune did: how many runs it deleted, and their log files, for the caller to remove.</summary>
public sealed record PruneResult(int Deleted, IReadOnlyList<string> LogPaths);
