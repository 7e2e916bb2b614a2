using NanoClaw.Jobs.Loading;

namespace NanoClaw.Scheduling;

/// <summary>What a reload did, or, when the file is invalid, every problem with it (and nothing applied).</summary>
internal sealed record ReloadResult(SyncSummary? Summary, IReadOnlyList<JobsFileProblem> Problems);
