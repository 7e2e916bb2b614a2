namespace NanoClaw.Configuration;

/// <summary><c>NanoClaw:Host</c>: how host-mode runs are started.</summary>
public sealed class HostRunnerOptions
{
    /// <summary>The daemon's variables a run may see. Null means <see cref="DefaultAllowedEnvironment"/>.</summary>
    /// <remarks>Nullable because configuration binding appends to a non-empty default list instead of replacing it.</remarks>
    public IReadOnlyList<string>? AllowedEnvironment { get; init; }

    /// <summary>
    /// The agent command prompt tasks run. Null means the built-in reference agent
    /// (<c>nanoclaw agent</c>). <c>{nanoclaw}</c> expands to this executable.
    /// </summary>
    public IReadOnlyList<string>? AgentCommand { get; init; }

    /// <summary>Confine host-mode runs of non-main groups with bubblewrap.</summary>
    public bool Sandbox { get; init; } = true;

    public static IReadOnlyList<string> DefaultAllowedEnvironment { get; } =
    [
        "PATH",
        "HOME",
        "USER",
        "LOGNAME",
        "SHELL",
        "LANG",
        "LC_ALL",
        "LC_CTYPE",
        "TZ",
        "TERM",
        "TMPDIR",
    ];

    public IReadOnlyList<string> EffectiveAllowedEnvironment =>
        AllowedEnvironment ?? DefaultAllowedEnvironment;

    public IReadOnlyList<string> EffectiveAgentCommand => AgentCommand ?? ["{nanoclaw}", "agent"];
}
