namespace NanoClaw.Runners.Host.Sandbox;

/// <summary>
/// Path arithmetic for the sandbox's mounts. A bind mount follows symbolic links, so every decision
/// about what a bind would expose is made on real paths, not on the names that lead to them.
/// </summary>
internal static class SandboxPath
{
    private const int MaxLinks = 40;

    /// <summary>The absolute path with every symbolic link resolved; the parts that do not exist are kept as written.</summary>
    public static string Resolve(string path)
    {
        var resolved = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        for (var links = 0; links < MaxLinks; links++)
        {
            var target = FirstLink(resolved, out var rest);
            if (target is null)
                return resolved;
            resolved = Path.TrimEndingDirectorySeparator(
                Path.GetFullPath(Path.Combine(target, rest))
            );
        }
        return resolved;
    }

    /// <summary>Whether <paramref name="path"/> is <paramref name="dir"/> or lies inside it.</summary>
    public static bool IsAtOrUnder(string path, string dir) =>
        path == dir
        || dir == "/"
        || path.StartsWith(dir.TrimEnd('/') + "/", StringComparison.Ordinal);

    public static bool IsStrictlyUnder(string path, string dir) =>
        path != dir && IsAtOrUnder(path, dir);

    public static bool Exists(string path) => File.Exists(path) || Directory.Exists(path);

    /// <summary>The target of the first link on the path (absolute), and what follows it.</summary>
    private static string? FirstLink(string path, out string rest)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var current = "/";
        for (var i = 0; i < parts.Length; i++)
        {
            var next = Path.Combine(current, parts[i]);
            if (new FileInfo(next).LinkTarget is { } target)
            {
                rest = string.Join('/', parts.Skip(i + 1));
                return Path.GetFullPath(target, current);
            }
            current = next;
        }
        rest = "";
        return null;
    }
}
