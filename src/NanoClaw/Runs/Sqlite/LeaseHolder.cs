using System.Globalization;

namespace NanoClaw.Runs.Sqlite;

/// <summary>The daemon that holds the store lease, as its row says.</summary>
internal sealed record LeaseHolder(
    string Node,
    long Pid,
    string Token,
    string StartedAt,
    long HeartbeatMs
)
{
    public TimeSpan HeartbeatAge(DateTimeOffset now) =>
        now - DateTimeOffset.FromUnixTimeMilliseconds(HeartbeatMs);

    public string Describe(DateTimeOffset now) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"node {Node}, pid {Pid}, started {StartedAt}, last heartbeat {HeartbeatAge(now).TotalSeconds:0.#}s ago"
        );
}
