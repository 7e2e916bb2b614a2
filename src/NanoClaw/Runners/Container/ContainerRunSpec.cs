using NanoClaw.Runners.Container.Mounts;

namespace NanoClaw.Runners.Container;

/// <summary>A run as a container: the request plus what the container runner resolved for it.</summary>
internal sealed record ContainerRunSpec
{
    public required RunRequest Request { get; init; }
    public required string Name { get; init; }
    public required string Image { get; init; }
    public required string InstanceId { get; init; }

    /// <summary>The run's environment, with the folders as the container sees them.</summary>
    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    public IReadOnlyList<ResolvedMount> Mounts { get; init; } = [];
}
