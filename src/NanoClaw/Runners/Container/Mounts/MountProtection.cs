using NanoClaw.Configuration;
using NanoClaw.Jobs;

namespace NanoClaw.Runners.Container.Mounts;

/// <summary>
/// What no mount may touch whatever the allow-list says — NanoClaw's own files — and the folders a
/// run of a group other than the main group can write, where a path could be swapped for a link.
/// Every path is kept both as written and resolved, so a link cannot route around either.
/// </summary>
public sealed record MountProtection
{
    /// <summary>No built-in protection: only the allow-list's own rules (for checks of the policy alone).</summary>
    public static MountProtection None { get; } = new();

    /// <summary>Folders and files a mount may not be, contain or lie inside, with what they are.</summary>
    public IReadOnlyList<(string Path, string What)> Protected { get; init; } = [];

    /// <summary>Folders a non-main group's run can write; nothing may be reached through them.</summary>
    public IReadOnlyList<string> AgentWritable { get; init; } = [];

    /// <param name="paths">NanoClaw's files.</param>
    /// <param name="jobs">The groups whose read-write mounts are writable by their runs.</param>
    /// <param name="workingDir">The folder holding appsettings.json and the jobs file (the current directory).</param>
    public static MountProtection For(NanoClawPaths paths, JobsFile? jobs, string workingDir)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(workingDir);
        (string, string)[] own =
        [
            (paths.DataDir, "NanoClaw's data directory"),
            (workingDir, "NanoClaw's working folder (appsettings.json)"),
            (paths.GroupsDir, "the groups directory"),
            (paths.JobsFile, "the jobs file"),
        ];
        var writable = (jobs?.Groups.Values ?? [])
            .Where(group => !group.IsMain)
            .SelectMany(group => group.Container?.AdditionalMounts ?? [])
            .Where(mount => !mount.ReadOnly && Path.IsPathRooted(mount.HostPath))
            .Select(mount => mount.HostPath);
        return new MountProtection
        {
            Protected = [.. own.SelectMany(entry => BothForms(entry.Item1, entry.Item2))],
            AgentWritable =
            [
                .. writable
                    .SelectMany(path => BothForms(path, ""))
                    .Select(entry => entry.Path)
                    .Distinct(StringComparer.Ordinal),
            ],
        };
    }

    /// <summary>A path as written (made absolute) and with its links resolved.</summary>
    public static IEnumerable<(string Path, string What)> BothForms(string path, string what)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        yield return (full, what);
        string? real;
        try
        {
            real = Path.TrimEndingDirectorySeparator(RealPath.Resolve(full));
        }
        catch (IOException)
        {
            real = null;
        }
        if (real is not null && real != full)
            yield return (real, what);
    }
}
