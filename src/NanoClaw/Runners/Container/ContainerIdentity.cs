using NanoClaw.Configuration;
using NanoClaw.Files;
using NanoClaw.Jobs;

namespace NanoClaw.Runners.Container;

/// <summary>Who a group's container process is and which capabilities it keeps.</summary>
internal static class ContainerIdentity
{
    public static bool IsDaemonRoot => Libc.GetEffectiveUserId() == 0;

    /// <summary>
    /// The daemon's own ids, so what a run writes belongs to the daemon's user; when the daemon is
    /// root, <see cref="ContainerUser.Unprivileged"/>, since a rootful runtime's root is the host's.
    /// </summary>
    public static ContainerUser Default =>
        IsDaemonRoot
            ? ContainerUser.Unprivileged
            : new ContainerUser(Libc.GetEffectiveUserId(), Libc.GetEffectiveGroupId());

    /// <summary>The group's <c>container.user</c>, else <c>Container:User</c>, else <see cref="Default"/>.</summary>
    public static ContainerUser? UserFor(
        GroupDefinition group,
        ContainerRunnerOptions options,
        out string? error
    )
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(options);
        error = null;
        if ((group.Container?.User ?? options.User) is not { } configured)
            return Default;
        var user = ContainerUser.Parse(configured, out var parseError);
        if (parseError is not null)
            error = $"group '{group.Name}': the container user {parseError}";
        return user;
    }

    /// <summary>When the daemon is root and groups run in containers: which user those runs get.</summary>
    public static string? RootDaemonNote(JobsFile file, NanoClawOptions options)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(options);
        if (!IsDaemonRoot)
            return null;
        var groups = file
            .Groups.Values.Where(g =>
                (g.ExecutionMode ?? options.ExecutionMode) == ExecutionMode.Container
                || file.Tasks.Any(t =>
                    t.Group == g.Name && t.ExecutionMode == ExecutionMode.Container
                )
            )
            .Select(g =>
                $"{g.Name} as {g.Container?.User ?? options.Container.User ?? Unprivileged.ToString()}"
            )
            .ToList();
        return groups.Count == 0
            ? null
            : $"note: running as root: container-mode runs use an unprivileged user (uid:gid), never root: {string.Join(", ", groups)}; "
                + "their group and IPC folders are handed to that user (NanoClaw:Container:User or a group's container.user changes it)";
    }

    private static ContainerUser Unprivileged => ContainerUser.Unprivileged;

    /// <summary><c>Container:CapAdd</c> and the group's <c>container.capAdd</c>, in the runtime's spelling.</summary>
    public static IReadOnlyList<string> CapAddFor(
        GroupDefinition group,
        ContainerRunnerOptions options
    )
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(options);
        return
        [
            .. (options.CapAdd ?? [])
                .Concat(group.Container?.CapAdd ?? [])
                .Select(Capabilities.Normalize)
                .OfType<string>()
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal),
        ];
    }
}
