using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using NanoClaw.Runs;

namespace NanoClaw.Notifications;

/// <summary>
/// The JSON an event is delivered as: the run's summary (never its output, which may hold secrets),
/// how to see the run, and <c>sentAt</c>, set at each delivery attempt so a receiver can refuse replays.
/// </summary>
internal static class NotificationBody
{
    /// <summary>A run's error is cut to this many characters: enough to say what went wrong.</summary>
    public const int MaxErrorLength = 1000;

    public static string Create(
        string deliveryId,
        string eventName,
        RunRecord run,
        int consecutiveFailures,
        string? adminUrl,
        DateTimeOffset createdAt
    )
    {
        var body = new JsonObject
        {
            ["id"] = deliveryId,
            ["event"] = eventName,
            ["createdAt"] = Time(createdAt),
            ["taskId"] = run.TaskId,
            ["group"] = run.Group,
            ["consecutiveFailures"] = consecutiveFailures,
            ["run"] = new JsonObject
            {
                ["id"] = run.Id,
                ["taskId"] = run.TaskId,
                ["group"] = run.Group,
                ["trigger"] = JsonNamingPolicy.CamelCase.ConvertName(run.Trigger.ToString()),
                ["status"] = RunStatusNames.ToName(run.Status),
                ["exitCode"] = run.ExitCode,
                ["attempt"] = run.Attempt,
                ["retryOf"] = run.RetryOf,
                ["scheduledAt"] = Time(run.ScheduledAt),
                ["startedAt"] = Time(run.StartedAt),
                ["finishedAt"] = run.FinishedAt is { } finished ? Time(finished) : null,
                ["durationMs"] = run.DurationMs,
                ["error"] = Bound(run.Error),
                ["node"] = run.Node,
            },
            ["see"] = new JsonObject
            {
                ["command"] = $"nanoclaw run {run.Id}",
                ["url"] = adminUrl is null ? null : $"{adminUrl.TrimEnd('/')}/api/runs/{run.Id}",
            },
        };
        return body.ToJsonString();
    }

    /// <summary>The exact bytes sent at one attempt: the stored body with its <c>sentAt</c> and <c>timestamp</c> (unix seconds, as <c>X-NanoClaw-Timestamp</c>).</summary>
    public static string ForSending(string payload, DateTimeOffset sentAt)
    {
        var body = JsonNode.Parse(payload)!.AsObject();
        body["sentAt"] = Time(sentAt);
        body["timestamp"] = sentAt.ToUnixTimeSeconds();
        return body.ToJsonString();
    }

    private static string? Bound(string? error) =>
        error is null || error.Length <= MaxErrorLength ? error : error[..MaxErrorLength] + "…";

    private static string Time(DateTimeOffset value) =>
        value.ToString("o", CultureInfo.InvariantCulture);
}
