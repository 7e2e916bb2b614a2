namespace NanoClaw.Runners.Container.Mounts;

/// <summary>A mount that passed the allow-list: the real host folder, where it appears, and how.</summary>
public readonly record struct ResolvedMount(string HostPath, string ContainerPath, bool IsReadOnly);
