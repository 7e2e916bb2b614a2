using NanoClaw.Runs;

namespace NanoClaw.Admin;

/// <summary>A run's record if it has started, and whether it is still queued if it has not.</summary>
internal sealed record RunState(RunRecord? Record, bool IsQueued);
