namespace NanoClaw.Runs;

/// <summary>A page of runs, newest first; <see cref="Next"/> continues with older ones, null on the last page.</summary>
public sealed record RunPage(IReadOnlyList<RunRecord> Runs, RunCursor? Next);
