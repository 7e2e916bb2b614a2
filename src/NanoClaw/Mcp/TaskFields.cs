using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NanoClaw.Mcp;

/// <summary>
/// A task object as in the jobs file, as the MCP tools take it. Only what the agent gives is sent;
/// the daemon validates the whole object and answers with every problem.
/// </summary>
/// <remarks>
/// Properties the agent gives that are not listed here are kept and sent as they are, so the daemon
/// refuses a misspelt field by name instead of the field being dropped silently.
/// </remarks>
[Description(
    "A NanoClaw task, as in the jobs file. Give at most one schedule (cron, interval or once; none = runs only when triggered by an operator) and exactly one of prompt or command. The group is not a field: it is the group of the run you are in."
)]
internal sealed record TaskFields
{
    [JsonPropertyName("id")]
    [Description(
        "Task id: lowercase letters, digits, '-' and '_', starting with a letter or digit, at most 64 characters (e.g. 'inbox-digest'). Unique among all tasks."
    )]
    public string? Id { get; init; }

    [JsonPropertyName("cron")]
    [Description(
        "When to run, as cron: 5 fields 'minute hour day-of-month month day-of-week' (e.g. '0 9 * * 1-5' = weekdays at 09:00; '@daily' works too), or 6/7-field Quartz cron with seconds. Read in timeZone (default UTC)."
    )]
    public string? Cron { get; init; }

    [JsonPropertyName("timeZone")]
    [Description(
        "IANA time zone the cron is read in, e.g. 'Europe/Berlin'. Only with cron; default UTC."
    )]
    public string? TimeZone { get; init; }

    [JsonPropertyName("interval")]
    [Description("Run every hh:mm:ss (e.g. '06:00:00' = every six hours; 'd.hh:mm:ss' for days).")]
    public string? Interval { get; init; }

    [JsonPropertyName("once")]
    [Description("Run once at this ISO-8601 instant with offset, e.g. '2026-12-24T09:00:00Z'.")]
    public string? Once { get; init; }

    [JsonPropertyName("prompt")]
    [Description(
        "What the agent is asked to do each time the task runs: a self-contained instruction, since the run may not remember this conversation."
    )]
    public string? Prompt { get; init; }

    [JsonPropertyName("command")]
    [Description(
        "Instead of a prompt: a program to run, as an argv array (e.g. [\"sh\", \"-c\", \"df -h\"]); no shell is involved unless you name one."
    )]
    public IReadOnlyList<string>? Command { get; init; }

    [JsonPropertyName("description")]
    [Description("Free text saying what the task is for, shown to operators.")]
    public string? Description { get; init; }

    [JsonPropertyName("contextMode")]
    [Description(
        "'isolated' (default): each run starts a fresh agent session; 'group': each run continues the group's session."
    )]
    public string? ContextMode { get; init; }

    [JsonPropertyName("enabled")]
    [Description("false keeps the task but does not fire it on its schedule. Default true.")]
    public bool? Enabled { get; init; }

    [JsonPropertyName("misfire")]
    [Description(
        "What happens to a firing missed while NanoClaw was down: 'runOnce' (default) runs it once as soon as possible, 'skip' drops it."
    )]
    public string? Misfire { get; init; }

    [JsonPropertyName("gate")]
    [Description(
        "Prompt tasks only: an argv run before the agent, e.g. [\"sh\", \"-c\", \"./new-mail.sh\"]. Its last stdout line must be {\"wake\": true|false, \"data\": ...}: on false the agent is not started (the run is recorded 'skipped'); on true the agent gets 'data' as gateData. Use it to avoid waking the agent when there is nothing to do."
    )]
    public IReadOnlyList<string>? Gate { get; init; }

    [JsonPropertyName("gateTimeout")]
    [Description(
        "How long the gate may take, hh:mm:ss. Default: the daemon's Agents:GateTimeout (30 s)."
    )]
    public string? GateTimeout { get; init; }

    [JsonPropertyName("timeout")]
    [Description(
        "How long a run may take, hh:mm:ss. Only the main group may exceed its group's timeout."
    )]
    public string? Timeout { get; init; }

    [JsonPropertyName("executionMode")]
    [Description(
        "'host' or 'container'. Only the main group may set it; other groups' tasks run in their group's mode."
    )]
    public string? ExecutionMode { get; init; }

    [JsonPropertyName("env")]
    [Description(
        "Environment variables for the task's runs, as an object of strings. Only the main group may set it."
    )]
    public IReadOnlyDictionary<string, string>? Env { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; init; }
}
