using NanoClaw.Jobs;
using NanoClaw.Runners.Container.Mounts;

namespace NanoClaw.Runners.Container;

/// <summary>A run as a container: the request plus what the container runner resolved for it.</summary>
internal sealed record ContainerRunSpec
{
    public required RunRequest Request { get; init; }
    public required string Name { get; init; }
    public required string Image { get; init; }
    public required string InstanceId { get; init; }

    /// <summary><c>docker</c> or <c>podman</c>: their volume options differ.</summary>
    public required string RuntimeName { get; init; }

    public required ContainerUser User { get; init; }

    /// <summary>Capabilities given back after <c>--cap-drop ALL</c>, as <c>CAP_NAME</c>.</summary>
    public IReadOnlyList<string> CapAdd { get; init; } = [];

    /// <summary>Rootless podman: keep the daemon's uid as itself inside (<c>--userns keep-id</c>).</summary>
    public bool KeepUserNamespace { get; init; }

    /// <summary>The run's environment, with the folders as the container sees them.</summary>
    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    public IReadOnlyList<ResolvedMount> Mounts { get; init; } = [];
}
