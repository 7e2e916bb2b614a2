using NanoClaw.Configuration;
using NanoClaw.Jobs;
using NanoClaw.Jobs.Loading;

namespace NanoClaw.Runners.Container.Mounts;

/// <summary>
/// Checks every group's <c>additionalMounts</c> against the allow-list when the jobs file is loaded,
/// so a refused mount stops the daemon at start with the mount's <c>file:line:column</c> instead of
/// failing runs later. Runs check again: the allow-list or the folders may change meanwhile.
/// </summary>
internal static class MountAllowlistCheck
{
    public static IReadOnlyList<JobsFileProblem> Check(
        JobsFile jobs,
        NanoClawPaths paths,
        NanoClawOptions options
    )
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(options);
        var mounting = jobs
            .Groups.Values.Where(g => g.Container?.AdditionalMounts.Count > 0)
            .ToList();
        if (mounting.Count == 0)
            return [];
        var allowlist = MountAllowlistFile.Load(options.Container.MountAllowlistPath);
        var file = Path.GetFileName(paths.JobsFile);
        var protection = MountProtection.For(paths, jobs, Environment.CurrentDirectory);
        return
        [
            .. mounting.SelectMany(group =>
                group
                    .Container!.AdditionalMounts.Select(mount =>
                        (
                            Mount: mount,
                            Decision: MountPolicy.Check(
                                mount,
                                group.IsMain,
                                allowlist,
                                requireExisting: false,
                                protection
                            )
                        )
                    )
                    .Where(checkedMount => !checkedMount.Decision.IsAllowed)
                    .Select(checkedMount => new JobsFileProblem(
                        file,
                        checkedMount.Mount.Line,
                        checkedMount.Mount.Column,
                        $"group '{group.Name}'",
                        checkedMount.Decision.Rejection!
                    ))
            ),
        ];
    }
}
