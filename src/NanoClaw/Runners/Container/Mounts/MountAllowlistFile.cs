using System.Text.Json;
using System.Text.Json.Serialization;

namespace NanoClaw.Runners.Container.Mounts;

/// <summary>
/// Reads the allow-list file:
/// <c>{"allowedRoots":[{"path":"~/projects","readWrite":true,"nonMainReadWrite":false}],"blockedPatterns":["secrets"]}</c>.
/// A missing or invalid file allows nothing; it never throws.
/// </summary>
public static class MountAllowlistFile
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static MountAllowlist Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var fullPath = Path.GetFullPath(ExpandHome(path));
        try
        {
            var file =
                JsonSerializer.Deserialize<FileShape>(File.ReadAllText(fullPath), JsonOptions)
                ?? throw new JsonException("the file holds null, not an object");
            var problems = file
                .AllowedRoots.Where(root => !IsAbsolute(root.Path))
                .Select(root => $"allowed root '{root.Path}' must be absolute or start with ~/")
                .ToList();
            if (problems.Count > 0)
                return Failed(
                    fullPath,
                    $"the mount allow-list '{fullPath}' is invalid: {string.Join("; ", problems)}"
                );
            return new MountAllowlist
            {
                SourcePath = fullPath,
                AllowedRoots =
                [
                    .. file.AllowedRoots.Select(root => root with { Path = ExpandHome(root.Path) }),
                ],
                BlockedPatterns =
                [
                    .. MountAllowlist.DefaultBlockedPatterns.Union(
                        file.BlockedPatterns.Where(p => !string.IsNullOrWhiteSpace(p)),
                        StringComparer.Ordinal
                    ),
                ],
            };
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return Failed(
                fullPath,
                $"there is no mount allow-list at '{fullPath}': create it (or set NanoClaw:Container:MountAllowlistPath) to allow additionalMounts"
            );
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Failed(
                fullPath,
                $"the mount allow-list '{fullPath}' cannot be read: {ex.Message}"
            );
        }
        catch (JsonException ex)
        {
            return Failed(fullPath, $"the mount allow-list '{fullPath}' is invalid: {ex.Message}");
        }
    }

    /// <summary><c>~/x</c> is the daemon user's home; nothing else is expanded.</summary>
    public static string ExpandHome(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path != "~" && !path.StartsWith("~/", StringComparison.Ordinal))
            return path;
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return path == "~" ? home : Path.Combine(home, path[2..]);
    }

    private static bool IsAbsolute(string path) =>
        !string.IsNullOrWhiteSpace(path) && Path.IsPathRooted(ExpandHome(path));

    private static MountAllowlist Failed(string path, string error) =>
        new() { SourcePath = path, LoadError = error };

    private sealed record FileShape
    {
        public IReadOnlyList<AllowedRoot> AllowedRoots { get; init; } = [];
        public IReadOnlyList<string> BlockedPatterns { get; init; } = [];

        [JsonPropertyName("$schema")]
        public string? Schema { get; init; }
    }
}
