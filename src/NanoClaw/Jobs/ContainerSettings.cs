namespace NanoClaw.Jobs;

/// <summary>A group's container settings; unset values fall back to <c>NanoClaw:Container</c>.</summary>
public sealed record ContainerSettings
{
    public string? Image { get; init; }

    /// <summary>Memory limit in the runtime's syntax, e.g. <c>512m</c>.</summary>
    public string? Memory { get; init; }

    public double? Cpus { get; init; }
    public IReadOnlyList<MountSpec> AdditionalMounts { get; init; } = [];
}
