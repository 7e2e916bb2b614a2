namespace NanoClaw.Runners.Container.Mounts;

/// <summary>A mount that passed the allow-list: the real host folder, where it appears, and how.</summary>
public readonly record struct ResolvedMount(string HostPath, string ContainerPath, bool IsReadOnly)
{
    /// <summary>The runtime's <c>-v</c> value.</summary>
    public string VolumeArgument => $"{HostPath}:{ContainerPath}{(IsReadOnly ? ":ro" : "")}";
}
