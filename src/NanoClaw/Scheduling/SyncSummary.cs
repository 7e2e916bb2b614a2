namespace NanoClaw.Scheduling;

/// <summary>What a jobs-file sync did, for the log and the reload answer.</summary>
internal sealed record SyncSummary(int Added, int Changed, int Removed, int Unchanged);
