using NanoClaw.Runs;

namespace NanoClaw.Admin;

/// <summary>One of a task's latest runs, as <c>tasks show</c> lists them.</summary>
internal sealed record RecentRunView(
    string Id,
    string Status,
    string Trigger,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    long? DurationMs,
    int? ExitCode
)
{
    public static RecentRunView From(RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new RecentRunView(
            run.Id,
            RunStatusNames.ToName(run.Status),
            System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(run.Trigger.ToString()),
            run.StartedAt,
            run.FinishedAt,
            run.DurationMs,
            run.ExitCode
        );
    }
}
