namespace NanoClaw.Runners.Container.Mounts;

/// <summary>A folder under which a group may mount, and how writable such mounts may be.</summary>
public sealed record AllowedRoot
{
    /// <summary>Absolute, or starting with <c>~/</c> for the daemon user's home.</summary>
    public required string Path { get; init; }

    /// <summary>Whether mounts under this root may be read-write at all (the main group only, unless <see cref="NonMainReadWrite"/>).</summary>
    public bool ReadWrite { get; init; }

    /// <summary>Whether groups other than the main group may mount read-write here too.</summary>
    public bool NonMainReadWrite { get; init; }

    public string? Description { get; init; }
}
