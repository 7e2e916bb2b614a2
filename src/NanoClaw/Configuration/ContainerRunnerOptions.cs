namespace NanoClaw.Configuration;

/// <summary><c>NanoClaw:Container</c>: how container-mode runs are started.</summary>
public sealed class ContainerRunnerOptions
{
    /// <summary>The container CLI: <c>docker</c> or <c>podman</c> (same arguments).</summary>
    public string Runtime { get; init; } = "docker";

    public string Image { get; init; } = "nanoclaw-agent:latest";

    /// <summary>How much of a container's output is kept at most.</summary>
    public long MaxOutputBytes { get; init; } = 10 * 1024 * 1024;

    /// <summary>
    /// The numeric <c>uid:gid</c> containers run as unless a group sets <c>container.user</c>. Null
    /// means the daemon's own ids, or 65534:65534 when the daemon is root; root itself is refused.
    /// </summary>
    public string? User { get; init; }

    /// <summary>Capabilities given back after <c>--cap-drop ALL</c>, added to each group's <c>container.capAdd</c>.</summary>
    /// <remarks>Nullable because configuration binding appends to a non-empty default list instead of replacing it.</remarks>
    public IReadOnlyList<string>? CapAdd { get; init; }

    /// <summary>The mount allow-list file; kept outside the project and outside any mount.</summary>
    public string MountAllowlistPath { get; init; } =
        Path.Combine(
            Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
            ".config",
            "nanoclaw",
            "mount-allowlist.json"
        );
}
