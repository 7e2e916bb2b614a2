namespace NanoClaw.Jobs;

/// <summary>
/// One task as the jobs file (or the admin API) defines it. It is stored whole in its Quartz
/// trigger's JobDataMap, so it must round-trip through <see cref="JobsJson.Options"/>.
/// </summary>
public sealed record TaskDefinition
{
    public required string Id { get; init; }
    public required string Group { get; init; }

    /// <summary>5-field Unix or 6/7-field Quartz cron, as written by the user.</summary>
    public string? Cron { get; init; }

    /// <summary>IANA time zone for <see cref="Cron"/>; null means UTC.</summary>
    public string? TimeZone { get; init; }

    public TimeSpan? Interval { get; init; }
    public DateTimeOffset? Once { get; init; }
    public IReadOnlyList<string>? Command { get; init; }
    public string? Prompt { get; init; }

    /// <summary>Prompt tasks: an argv run before the agent that decides whether it is woken (README, "Gate scripts").</summary>
    public IReadOnlyList<string>? Gate { get; init; }

    /// <summary>How long <see cref="Gate"/> may run; null for <c>Agents:GateTimeout</c>.</summary>
    public TimeSpan? GateTimeout { get; init; }

    public ExecutionMode? ExecutionMode { get; init; }
    public TimeSpan? Timeout { get; init; }
    public IReadOnlyDictionary<string, string> Env { get; init; } =
        new Dictionary<string, string>();
    public bool Enabled { get; init; } = true;
    public MisfirePolicy Misfire { get; init; } = MisfirePolicy.RunOnce;
    public ContextMode ContextMode { get; init; } = ContextMode.Isolated;
    public string? Description { get; init; }
    public TaskSource Source { get; init; } = TaskSource.File;

    /// <summary>For an agent task: the run of its group that was running when it was asked for, if exactly one was.</summary>
    public string? CreatedBy { get; init; }

    /// <summary>How failed runs are retried; null takes the group's (README "Retries").</summary>
    public RetryPolicy? Retry { get; init; }

    /// <summary>Where events go; null takes the group's, then the settings' default (README "Notifications").</summary>
    public IReadOnlyList<NotifyTarget>? Notify { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public bool HasSchedule => Cron is not null || Interval is not null || Once is not null;
}
