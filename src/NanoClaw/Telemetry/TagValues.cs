using System.Collections.Frozen;
using System.Text.Json;
using NanoClaw.Jobs;
using NanoClaw.Runs;

namespace NanoClaw.Telemetry;

/// <summary>
/// Label values from fixed lists only, so no caller can grow the number of series: an event name
/// outside the known ones is counted as <c>other</c>.
/// </summary>
internal static class TagValues
{
    private static readonly FrozenSet<string> Events = FrozenSet.Create(
        StringComparer.Ordinal,
        "run.failed",
        "run.timed_out",
        "run.succeeded",
        "task.failing",
        "task.recovered"
    );

    public static string Of(ExecutionMode mode) =>
        mode == ExecutionMode.Host ? "host" : "container";

    public static string Of(RunTrigger trigger) => SnakeCase(trigger.ToString());

    public static string Of(NotificationTargetKind kind) => SnakeCase(kind.ToString());

    public static string Of(DeliveryOutcome outcome) => SnakeCase(outcome.ToString());

    public static string Event(string? name) =>
        name is not null && Events.Contains(name) ? name : "other";

    private static string SnakeCase(string name) =>
        JsonNamingPolicy.SnakeCaseLower.ConvertName(name);
}
