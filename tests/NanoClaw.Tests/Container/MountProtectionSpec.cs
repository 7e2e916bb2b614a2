using System.Text.Json;
using NanoClaw.Configuration;
using NanoClaw.Jobs;
using NanoClaw.Runners.Container.Mounts;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Container;

/// <summary>NanoClaw's own files and the folders agents write are never mountable, whatever the allow-list allows.</summary>
public sealed class MountProtectionSpec : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly MountAllowlist _allowlist;
    private readonly NanoClawPaths _paths;

    public MountProtectionSpec()
    {
        // The allow-list allows everything under the temp folder, its own folder included.
        _allowlist = MountAllowlistFile.Load(
            _dir.WriteFile(
                "config/allowlist.json",
                JsonSerializer.Serialize(
                    new { allowedRoots = new[] { new { path = _dir.Path, readWrite = true } } }
                )
            )
        );
        _dir.WriteFile("project/jobs.json", "{}");
        _dir.WriteFile("project/appsettings.json", "{}");
        Directory.CreateDirectory(_dir.Combine("project", "data", "ipc", "ops"));
        Directory.CreateDirectory(_dir.Combine("project", "groups", "ops"));
        Directory.CreateDirectory(_dir.Combine("elsewhere"));
        Directory.CreateDirectory(_dir.Combine("scratch", "sub"));
        _paths = NanoClawPaths.From(new NanoClawOptions(), _dir.Combine("project"));
    }

    private MountDecision Check(string hostPath, JobsFile? jobs = null) =>
        MountPolicy.Check(
            new MountSpec { HostPath = hostPath },
            isMainGroup: true,
            _allowlist,
            requireExisting: true,
            MountProtection.For(_paths, jobs, _dir.Combine("project"))
        );

    private string Link(string name, string target)
    {
        var link = _dir.Combine("elsewhere", name);
        Directory.CreateSymbolicLink(link, target);
        return link;
    }

    [Theory]
    [InlineData("config", "the mount allow-list")]
    [InlineData("project/data", "NanoClaw's data directory")]
    [InlineData("project/data/ipc/ops", "NanoClaw's data directory")]
    [InlineData("project", "NanoClaw's working folder")]
    [InlineData("project/groups", "the groups directory")]
    [InlineData("project/groups/ops", "the groups directory")]
    [InlineData("project/jobs.json", "the jobs file")]
    public void Nanoclaws_own_folders_and_files_are_refused_by_path_and_through_a_link(
        string relative,
        string what
    )
    {
        var target = _dir.Combine(relative.Split('/'));

        var direct = Check(target);
        var throughLink = Check(Link("to-" + relative.Replace('/', '-'), target));

        Assert.Contains($"it would expose {what}", direct.Rejection, StringComparison.Ordinal);
        Assert.Contains($"it would expose {what}", throughLink.Rejection, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_containing_them_is_refused_even_when_reached_through_a_link()
    {
        var parent = Check(_dir.Path);
        var linkedParent = Check(Link("root", _dir.Path));
        var fine = Check(_dir.Combine("scratch"));

        Assert.Contains("would expose", parent.Rejection, StringComparison.Ordinal);
        Assert.Contains("would expose", linkedParent.Rejection, StringComparison.Ordinal);
        Assert.True(fine.IsAllowed, fine.Rejection);
    }

    [Fact]
    public void A_protected_folder_reached_through_a_linked_parent_is_refused()
    {
        var linkedProject = Link("proj", _dir.Combine("project"));

        var decision = Check(Path.Combine(linkedProject, "data"));

        Assert.Contains(
            "it would expose NanoClaw's data directory",
            decision.Rejection,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void Nothing_is_mounted_through_a_folder_a_non_main_group_can_write()
    {
        var jobs = new JobsFile
        {
            Groups = new Dictionary<string, GroupDefinition>
            {
                ["ops"] = new()
                {
                    Name = "ops",
                    Container = new ContainerSettings
                    {
                        AdditionalMounts =
                        [
                            new MountSpec { HostPath = _dir.Combine("scratch"), ReadOnly = false },
                        ],
                    },
                },
            },
        };
        var viaLink = Link("sub", _dir.Combine("scratch", "sub"));

        var inside = Check(_dir.Combine("scratch", "sub"), jobs);
        var throughLink = Check(viaLink, jobs);
        var itself = Check(_dir.Combine("scratch"), jobs);
        var withoutWriter = Check(_dir.Combine("scratch", "sub"));

        Assert.Contains(
            "which a run of a group other than the main group can write",
            inside.Rejection,
            StringComparison.Ordinal
        );
        Assert.Contains(
            "which a run of a group other than the main group can write",
            throughLink.Rejection,
            StringComparison.Ordinal
        );
        Assert.True(itself.IsAllowed, itself.Rejection);
        Assert.True(withoutWriter.IsAllowed, withoutWriter.Rejection);
    }

    public void Dispose() => _dir.Dispose();
}
