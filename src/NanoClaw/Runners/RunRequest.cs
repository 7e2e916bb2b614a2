using NanoClaw.Jobs;

namespace NanoClaw.Runners;

/// <summary>Everything a runner needs, resolved: no defaults left to look up.</summary>
public sealed record RunRequest
{
    public required string RunId { get; init; }

    /// <summary>Null for ad hoc <c>exec</c> runs.</summary>
    public string? TaskId { get; init; }

    public required GroupDefinition Group { get; init; }

    /// <summary>The argv to run; null for a prompt run, which runs the mode's agent command.</summary>
    public IReadOnlyList<string>? Command { get; init; }

    public string? Prompt { get; init; }

    /// <summary>
    /// In a container, <see cref="Command"/> runs instead of the image's entrypoint rather than as its
    /// arguments: a gate must not start an image whose entrypoint is the agent.
    /// </summary>
    public bool ReplacesEntrypoint { get; init; }

    /// <summary>The protocol's stdin object (contract §3), already serialised.</summary>
    public required string StdinJson { get; init; }

    /// <summary>The allow-listed daemon variables plus the group's and task's <c>env</c>; the runner adds <c>NANOCLAW_*</c>.</summary>
    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    /// <summary>Absolute host path of <c>groups/&lt;group&gt;</c>.</summary>
    public required string GroupDir { get; init; }

    /// <summary>Absolute host path of <c>groups/global</c>.</summary>
    public required string GlobalDir { get; init; }

    /// <summary>Absolute host path of <c>&lt;DataDirectory&gt;/ipc/&lt;group&gt;</c>.</summary>
    public required string IpcDir { get; init; }

    /// <summary>Absolute path of the run's log file; the runner creates it.</summary>
    public required string LogPath { get; init; }

    public required TimeSpan Timeout { get; init; }

    public OutputFormat OutputFormat => Group.OutputFormat;
}
