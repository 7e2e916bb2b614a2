namespace NanoClaw.Runners.Container.Mounts;

/// <summary>What the allow-list says about one requested mount.</summary>
public sealed record MountDecision
{
    public ResolvedMount? Mount { get; init; }

    /// <summary>Why the mount is refused, naming the rule; null when it is allowed.</summary>
    public string? Rejection { get; init; }

    /// <summary>Set when a read-write request is mounted read-only, with the rule that forced it.</summary>
    public string? ForcedReadOnly { get; init; }

    public bool IsAllowed => Rejection is null;
}
