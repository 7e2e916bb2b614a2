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

    /// <summary>What is valid but will not work on this machine as it is, or needs saying.</summary>
    public static IEnumerable<string> Warnings(JobsFile file, NanoClawOptions options)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(options);
        foreach (var task in file.Tasks)
        {
            if (
                task.Cron is not null
                && Cron.TaskCron.TryParse(task.Cron, out _)?.Warning is { } cron
            )
                yield return $"warning: task '{task.Id}': {cron}";
        }
        var sandboxed = options.Host.Sandbox;
        var host = file.Groups.Values.Where(g => UsesHost(g, file, options)).ToList();
        var confined = Names(host.Where(g => !g.IsMain && sandboxed));
        if (sandboxed && !BubblewrapSandbox.IsInstalled && confined.Length > 0)
            yield return $"warning: group(s) {confined} run in host mode with NanoClaw:Host:Sandbox on, "
                + "but bubblewrap (bwrap) is not installed, so their runs will fail: install bubblewrap or set NanoClaw:Host:Sandbox=false";
        var sockets = Names(host.Where(g => !g.IsMain && sandboxed && g.HostSockets));
        if (sockets.Length > 0)
            yield return $"warning: group(s) {sockets} set hostSockets: their sandboxed runs can connect to the host's "
                + "sockets in /run and $XDG_RUNTIME_DIR, and a docker or podman socket there is control of this machine";
        var unused = Names(
            file.Groups.Values.Where(g =>
                g.HostSockets && !(sandboxed && !g.IsMain && host.Contains(g))
            )
        );
        if (unused.Length > 0)
            yield return $"note: group(s) {unused} set hostSockets, which only matters for sandboxed host-mode runs "
                + "of non-main groups with NanoClaw:Host:Sandbox=true; for these groups it changes nothing";
        if (!Environment.IsPrivilegedProcess)
            yield break;
        foreach (var line in AsRoot(file, options, host))
            yield return line;
    }

    /// <summary>What running the daemon as root means for each kind of run this file has.</summary>
    private static IEnumerable<string> AsRoot(
        JobsFile file,
        NanoClawOptions options,
        List<GroupDefinition> host
    )
    {
        var main = Names(host.Where(g => g.IsMain));
        if (main.Length > 0)
            yield return $"warning: running as root: the main group's host-mode runs ({main}) run as root, unconfined";
        var others = Names(host.Where(g => !g.IsMain));
        if (others.Length > 0 && options.Host.Sandbox)
            yield return $"note: running as root: host-mode runs of group(s) {others} are sandboxed with no capabilities "
                + "and no new privileges, but keep uid 0: files they create are root's, set-uid bits included, so keep the groups "
                + "and data folders out of other users' reach or on a nosuid file system";
        else if (others.Length > 0)
            yield return $"warning: running as root: with NanoClaw:Host:Sandbox=false, host-mode runs of group(s) {others} "
                + "run as root, unconfined: set NanoClaw:Host:Sandbox=true or use container mode";
        if (Runners.Container.ContainerIdentity.RootDaemonNote(file, options) is { } userNote)
            yield return userNote;
    }

    private static string Names(IEnumerable<GroupDefinition> groups) =>
        string.Join(", ", groups.Select(g => g.Name));

    private static bool UsesHost(GroupDefinition group, JobsFile file, NanoClawOptions options)
    {
        var groupMode = group.ExecutionMode ?? options.ExecutionMode;
        return groupMode == ExecutionMode.Host
            || file.Tasks.Any(t => t.Group == group.Name && t.ExecutionMode == ExecutionMode.Host);
    }
}
