using NanoClaw.Configuration;
using NanoClaw.Jobs;
using NanoClaw.Runners.Container.Files;

namespace NanoClaw.Runners.Container;

/// <summary>Who a group's container process is and which capabilities it keeps.</summary>
internal static class ContainerIdentity
{
    public static bool IsDaemonRoot => Libc.Geteuid() == 0;

    /// <summary>
    /// The daemon's own ids, so what a run writes belongs to the daemon's user; when the daemon is
    /// root, <see cref="ContainerUser.Unprivileged"/>, since a rootful runtime's root is the host's.
    /// </summary>
    public static ContainerUser Default =>
        IsDaemonRoot
            ? ContainerUser.Unprivileged
            : new ContainerUser(Libc.Geteuid(), Libc.Getegid());

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
