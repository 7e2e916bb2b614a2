using NanoClaw.Jobs;

namespace NanoClaw.Runners.Container.Mounts;

/// <summary>
/// Judges a group's <c>additionalMounts</c> against the allow-list, in this order: the allow-list must
/// be readable; no part of the real path may match a blocked pattern; the real path must lie under an
/// allowed root; it must not expose the allow-list itself. Read-write is granted only where the root
/// allows it, and for groups other than the main group only where the root says <c>nonMainReadWrite</c>;
/// otherwise the mount is forced read-only rather than refused.
/// </summary>
public static class MountPolicy
{
    public static MountDecision Check(
        MountSpec mount,
        bool isMainGroup,
        MountAllowlist allowlist,
        bool requireExisting
    )
    {
        ArgumentNullException.ThrowIfNull(mount);
        ArgumentNullException.ThrowIfNull(allowlist);
        var subject = $"mount '{mount.HostPath}'";
        if (allowlist.LoadError is { } loadError)
            return Reject($"{subject} is refused: {loadError}");
        if (!Path.IsPathRooted(mount.HostPath))
            return Reject($"{subject} is refused: the host path must be absolute");

        string real;
        try
        {
            real = RealPath.Resolve(mount.HostPath);
        }
        catch (IOException ex)
        {
            return Reject($"{subject} is refused: {ex.Message}");
        }
        if ((BlockedBy(mount.HostPath, allowlist) ?? BlockedBy(real, allowlist)) is { } pattern)
            return Reject(
                $"{subject} is refused: it matches the blocked pattern '{pattern}' of the mount allow-list '{allowlist.SourcePath}'"
            );
        if (real.Contains(':', StringComparison.Ordinal))
            return Reject(
                $"{subject} is refused: a path containing ':' cannot be given to the container runtime"
            );
        var root = allowlist
            .AllowedRoots.Select(r => (Root: r, Real: SafeResolve(r.Path)))
            .Where(r => r.Real is not null && IsUnder(real, r.Real))
            .OrderByDescending(r => r.Real!.Length)
            .Select(r => r.Root)
            .FirstOrDefault();
        if (root is null)
            return Reject(
                $"{subject} is refused: '{real}' is not under any allowed root of the mount allow-list '{allowlist.SourcePath}'"
            );
        if (IsUnder(allowlist.SourcePath, real))
            return Reject(
                $"{subject} is refused: it would expose the mount allow-list '{allowlist.SourcePath}' to the container"
            );
        if (requireExisting && !Directory.Exists(real) && !File.Exists(real))
            return Reject($"{subject} is refused: '{real}' does not exist");

        string? forced = null;
        if (!mount.ReadOnly && !root.ReadWrite)
            forced =
                $"{subject} is mounted read-only: the allowed root '{root.Path}' is read-only (readWrite is false)";
        else if (!mount.ReadOnly && !isMainGroup && !root.NonMainReadWrite)
            forced =
                $"{subject} is mounted read-only: only the main group may write under '{root.Path}' (nonMainReadWrite is false)";
        return new MountDecision
        {
            Mount = new ResolvedMount(
                real,
                ContainerPathOf(mount),
                IsReadOnly: mount.ReadOnly || forced is not null
            ),
            ForcedReadOnly = forced,
        };
    }

    /// <summary>Relative container paths land under <c>/workspace/extra/</c>; none means the folder's own name.</summary>
    public static string ContainerPathOf(MountSpec mount)
    {
        ArgumentNullException.ThrowIfNull(mount);
        var relative = mount.ContainerPath ?? Path.GetFileName(mount.HostPath.TrimEnd('/'));
        return $"{ContainerPaths.ExtraDir}/{relative.Trim('/')}";
    }

    private static string? BlockedBy(string path, MountAllowlist allowlist)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return allowlist.BlockedPatterns.FirstOrDefault(pattern =>
            parts.Any(part => part.Contains(pattern, StringComparison.Ordinal))
        );
    }

    private static string? SafeResolve(string path)
    {
        try
        {
            return RealPath.Resolve(path);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static bool IsUnder(string path, string root) =>
        path == root || path.StartsWith(root.TrimEnd('/') + "/", StringComparison.Ordinal);

    private static MountDecision Reject(string reason) => new() { Rejection = reason };
}
