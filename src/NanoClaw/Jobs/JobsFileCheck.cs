using NanoClaw.Configuration;
using NanoClaw.Jobs.Loading;
using NanoClaw.Runners.Container.Mounts;
using NanoClaw.Runners.Host.Sandbox;

namespace NanoClaw.Jobs;

/// <summary>
/// Everything checked before a jobs file is applied — by <c>serve</c>, <c>validate</c> and every
/// reload alike: the file itself, then what it asks of this machine (mounts against the allow-list).
/// </summary>
internal static class JobsFileCheck
{
    public static JobsLoadResult Load(NanoClawOptions options, NanoClawPaths paths)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(paths);
        var loaded = JobsFileLoader.Load(paths.JobsFile);
        if (loaded.File is null)
            return loaded;
        var refused = MountAllowlistCheck.Check(loaded.File, paths, options);
        return refused.Count > 0 ? new JobsLoadResult(null, refused) : loaded;
    }

    /// <summary>What is valid but will not work on this machine as it is.</summary>
    public static IEnumerable<string> Warnings(JobsFile file, NanoClawOptions options)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(options);
        if (Runners.Container.ContainerIdentity.RootDaemonNote(file, options) is { } userNote)
            yield return userNote;
        if (!options.Host.Sandbox || BubblewrapSandbox.IsInstalled)
            yield break;
        var confined = file
            .Groups.Values.Where(g => !g.IsMain && UsesHost(g, file, options))
            .Select(g => g.Name)
            .ToList();
        if (confined.Count > 0)
            yield return $"warning: group(s) {string.Join(", ", confined)} run in host mode with NanoClaw:Host:Sandbox on, "
                + "but bubblewrap (bwrap) is not installed, so their runs will fail: install bubblewrap or set NanoClaw:Host:Sandbox=false";
    }

    private static bool UsesHost(GroupDefinition group, JobsFile file, NanoClawOptions options)
    {
        var groupMode = group.ExecutionMode ?? options.ExecutionMode;
        return groupMode == ExecutionMode.Host
            || file.Tasks.Any(t => t.Group == group.Name && t.ExecutionMode == ExecutionMode.Host);
    }
}
