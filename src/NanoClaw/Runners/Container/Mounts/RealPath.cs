namespace NanoClaw.Runners.Container.Mounts;

/// <summary>
/// A path with every symbolic link along it resolved, so a link inside an allowed root that points at
/// <c>~/.ssh</c> is judged by where it leads. Parts that do not exist yet are kept as written.
/// </summary>
internal static class RealPath
{
    // The kernel's own limit on links followed while resolving one path.
    private const int MaxLinks = 40;

    public static string Resolve(string path) => Resolve(path, visited: null);

    /// <param name="path">The path to resolve.</param>
    /// <param name="visited">Collects every folder and link the resolution passed through.</param>
    public static string Resolve(string path, List<string>? visited)
    {
        ArgumentNullException.ThrowIfNull(path);
        var links = 0;
        return Resolve(Path.GetFullPath(path), ref links, visited);
    }

    private static string Resolve(string fullPath, ref int links, List<string>? visited)
    {
        var resolved = Path.GetPathRoot(fullPath) ?? "/";
        foreach (
            var part in fullPath[resolved.Length..]
                .Split('/', StringSplitOptions.RemoveEmptyEntries)
        )
        {
            var next = Path.Combine(resolved, part);
            visited?.Add(next);
            var target = new FileInfo(next).LinkTarget;
            if (target is not null)
            {
                if (++links > MaxLinks)
                    throw new IOException($"too many symbolic links while resolving '{fullPath}'");
                next = Resolve(Path.GetFullPath(target, resolved), ref links, visited);
            }
            resolved = next;
        }
        return resolved;
    }
}
