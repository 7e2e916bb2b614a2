namespace NanoClaw.Runners.Container.Mounts;

/// <summary>
/// The mount allow-list: which host folders groups may mount into their containers. It lives outside
/// the project (<c>NanoClaw:Container:MountAllowlistPath</c>) so that no run can edit its own limits.
/// </summary>
public sealed record MountAllowlist
{
    /// <summary>Always blocked, whatever the file says: where credentials usually live.</summary>
    public static IReadOnlyList<string> DefaultBlockedPatterns { get; } =
    [
        ".ssh",
        ".gnupg",
        ".gpg",
        ".aws",
        ".azure",
        ".gcloud",
        ".kube",
        ".docker",
        ".env",
        ".netrc",
        ".npmrc",
        ".pypirc",
        ".git-credentials",
        "credentials",
        "id_rsa",
        "id_ed25519",
        "private_key",
        ".secret",
    ];

    /// <summary>The file it was read from (for messages).</summary>
    public required string SourcePath { get; init; }

    public IReadOnlyList<AllowedRoot> AllowedRoots { get; init; } = [];

    /// <summary>The file's own patterns and the defaults together.</summary>
    public IReadOnlyList<string> BlockedPatterns { get; init; } = DefaultBlockedPatterns;

    /// <summary>Why the file could not be used (missing, invalid); then nothing may be mounted.</summary>
    public string? LoadError { get; init; }
}
