using NanoClaw.Configuration;
using NanoClaw.Runners.Processes;

namespace NanoClaw.Runners.Container;

/// <summary>The configured container runtime, and whether it is installed.</summary>
internal sealed class ContainerRuntime(NanoClawOptions options)
{
    public string Name => options.Container.Runtime;

    /// <summary>The runtime found on the daemon's PATH, or null when it is not installed.</summary>
    /// <remarks>Looked up each time: installing the runtime while the daemon runs is enough.</remarks>
    public ContainerCli? Find() =>
        ExecutableSearch.Find(Name) is { } path ? new ContainerCli(Name, path) : null;

    public string NotInstalledError =>
        $"the container runtime '{Name}' was not found on the daemon's PATH: install it, set NanoClaw:Container:Runtime to 'docker' or 'podman', or run this group in host mode";
}
