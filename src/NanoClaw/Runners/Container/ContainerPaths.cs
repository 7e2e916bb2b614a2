namespace NanoClaw.Runners.Container;

/// <summary>Where a run's folders appear inside its container (contract §3).</summary>
internal static class ContainerPaths
{
    public const string GroupDir = "/workspace/group";
    public const string GlobalDir = "/workspace/global";
    public const string IpcDir = "/workspace/ipc";

    /// <summary>Where a group's <c>additionalMounts</c> land.</summary>
    public const string ExtraDir = "/workspace/extra";
}
