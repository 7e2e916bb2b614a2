namespace NanoClaw.Jobs;

/// <summary>A group's container settings; unset values fall back to <c>NanoClaw:Container</c>.</summary>
public sealed record ContainerSettings
{
    public string? Image { get; init; }

    /// <summary>Memory limit in the runtime's syntax, e.g. <c>512m</c>.</summary>
    public string? Memory { get; init; }

    public double? Cpus { get; init; }

    /// <summary>Numeric non-root <c>uid:gid</c> this group's containers run as; overrides <c>NanoClaw:Container:User</c>.</summary>
    public string? User { get; init; }

    /// <summary>Capabilities this group's containers get back after <c>--cap-drop ALL</c>, besides <c>NanoClaw:Container:CapAdd</c>.</summary>
    public IReadOnlyList<string> CapAdd { get; init; } = [];
    public IReadOnlyList<MountSpec> AdditionalMounts { get; init; } = [];
}
