using NanoClaw.Jobs;

namespace NanoClaw.Runners.Container.Mounts;

/// <summary>
/// Judges a group's <c>additionalMounts</c> against the allow-list, in this order: the allow-list must
/// be readable; no part of the real path may match a blocked pattern; it must not expose the allow-list's
/// folder or NanoClaw's own files (<see cref="MountProtection"/>), nor be reached through a folder a
/// non-main group's run can write; the real path must lie under an allowed root. Read-write is granted only where the root
/// allows it, and for groups other than the main group only where the root says <c>nonMainReadWrite</c>;
/// otherwise the mount is forced read-only rather than refused.
/// </summary>
public static class MountPolicy
{
    public static MountDecision Check(
        MountSpec mount,
        bool isMainGroup,
        MountAllowlist allowlist,
        bool requireExisting,
        MountProtection? protection = null
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
        var visited = new List<string>();
        try
        {
            real = RealPath.Resolve(mount.HostPath, visited);
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
        if (
            Exposed(mount.HostPath, real, allowlist, protection ?? MountProtection.None) is
            { } exposed
        )
            return Reject($"{subject} is refused: {exposed}");
        var written = Path.TrimEndingDirectorySeparator(Path.GetFullPath(mount.HostPath));
        foreach (var folder in (protection ?? MountProtection.None).AgentWritable)
        {
            if (visited.Append(written).Append(real).Any(path => IsStrictlyUnder(path, folder)))
                return Reject(
                    $"{subject} is refused: it is reached through '{folder}', which a run of a group other than the main group can write (a link swapped in there could redirect the mount)"
                );
        }
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

    /// <summary>Why the mount would expose a protected folder or file (being it, containing it or lying inside it), or null.</summary>
    private static string? Exposed(
        string writtenPath,
        string real,
        MountAllowlist allowlist,
        MountProtection protection
    )
    {
        var written = Path.TrimEndingDirectorySeparator(Path.GetFullPath(writtenPath));
        var allowlistFolders = MountProtection
            .BothForms(allowlist.SourcePath, "")
            .SelectMany(file => MountProtection.BothForms(Path.GetDirectoryName(file.Path)!, ""))
            .Select(folder => folder.Path);
        foreach (var folder in allowlistFolders)
        {
            if (Overlaps(written, folder) || Overlaps(real, folder))
                return $"it would expose the mount allow-list '{allowlist.SourcePath}' to the container (a mount may not be, contain or lie inside its folder '{folder}')";
        }
        // The closest rule first: what the mount lies inside, the innermost first, then what it contains.
        var hit =
            protection
                .Protected.Where(p => IsUnder(written, p.Path) || IsUnder(real, p.Path))
                .OrderByDescending(p => p.Path.Length)
                .Cast<(string Path, string What)?>()
                .FirstOrDefault()
            ?? protection
                .Protected.Where(p => IsUnder(p.Path, written) || IsUnder(p.Path, real))
                .Cast<(string Path, string What)?>()
                .FirstOrDefault();
        return hit is { } found
            ? $"it would expose {found.What} '{found.Path}' to the container (a mount may not be, contain or lie inside it)"
            : null;
    }

    private static bool Overlaps(string a, string b) => IsUnder(a, b) || IsUnder(b, a);

    private static bool IsStrictlyUnder(string path, string root) =>
        path != root && IsUnder(path, root);

    private static bool IsUnder(string path, string root) =>
        path == root || path.StartsWith(root.TrimEnd('/') + "/", StringComparison.Ordinal);

    private static MountDecision Reject(string reason) => new() { Rejection = reason };
}
