using System.Text.Json;
using NanoClaw.Configuration;
using NanoClaw.Jobs;
using NanoClaw.Jobs.Loading;
using NanoClaw.Runners.Container.Mounts;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Container;

public sealed class MountAllowlistSpec : IDisposable
{
    private static readonly string[] BlockedByFile = ["secrets"];
    private readonly TempDir _dir = new();

    private MountAllowlist Allowlist(params object[] roots)
    {
        var path = _dir.WriteFile(
            "config/mount-allowlist.json",
            JsonSerializer.Serialize(new { allowedRoots = roots, blockedPatterns = BlockedByFile })
        );
        return MountAllowlistFile.Load(path);
    }

    private string Folder(string relative) =>
        Directory.CreateDirectory(_dir.Combine(relative)).FullName;

    [Fact]
    public void A_mount_under_a_read_write_root_is_allowed_read_write_for_the_main_group()
    {
        var allowlist = Allowlist(new { path = Folder("projects"), readWrite = true });
        var mount = new MountSpec { HostPath = Folder("projects/app"), ReadOnly = false };

        var decision = MountPolicy.Check(
            mount,
            isMainGroup: true,
            allowlist,
            requireExisting: true
        );

        Assert.True(decision.IsAllowed, decision.Rejection);
        Assert.False(decision.Mount!.Value.IsReadOnly);
        Assert.Equal("/workspace/extra/app", decision.Mount.Value.ContainerPath);
        Assert.Null(decision.ForcedReadOnly);
    }

    [Fact]
    public void A_non_main_group_is_forced_read_only_unless_the_root_allows_non_main_writes()
    {
        var allowlist = Allowlist(
            new { path = Folder("shared"), readWrite = true },
            new
            {
                path = Folder("scratch"),
                readWrite = true,
                nonMainReadWrite = true,
            }
        );

        var shared = MountPolicy.Check(
            new MountSpec { HostPath = Folder("shared/docs"), ReadOnly = false },
            isMainGroup: false,
            allowlist,
            requireExisting: true
        );
        var scratch = MountPolicy.Check(
            new MountSpec
            {
                HostPath = Folder("scratch/tmp"),
                ReadOnly = false,
                ContainerPath = "work",
            },
            isMainGroup: false,
            allowlist,
            requireExisting: true
        );

        Assert.True(shared.Mount!.Value.IsReadOnly);
        Assert.Contains("nonMainReadWrite", shared.ForcedReadOnly, StringComparison.Ordinal);
        Assert.False(scratch.Mount!.Value.IsReadOnly);
        Assert.Equal("/workspace/extra/work", scratch.Mount.Value.ContainerPath);
    }

    [Fact]
    public void A_read_write_request_under_a_read_only_root_is_forced_read_only()
    {
        var allowlist = Allowlist(new { path = Folder("library") });

        var decision = MountPolicy.Check(
            new MountSpec { HostPath = Folder("library/books"), ReadOnly = false },
            isMainGroup: true,
            allowlist,
            requireExisting: true
        );

        Assert.True(decision.Mount!.Value.IsReadOnly);
        Assert.Contains(
            "read-only (readWrite is false)",
            decision.ForcedReadOnly,
            StringComparison.Ordinal
        );
    }

    [Theory]
    [InlineData("home/.ssh", "'.ssh'")]
    [InlineData("home/project/.env", "'.env'")]
    [InlineData("home/my-secrets", "'secrets'")]
    public void A_mount_matching_a_blocked_pattern_is_refused_naming_the_pattern(
        string folder,
        string pattern
    )
    {
        var allowlist = Allowlist(new { path = Folder("home"), readWrite = true });

        var decision = MountPolicy.Check(
            new MountSpec { HostPath = Folder(folder) },
            isMainGroup: true,
            allowlist,
            requireExisting: true
        );

        Assert.False(decision.IsAllowed);
        Assert.Contains($"blocked pattern {pattern}", decision.Rejection, StringComparison.Ordinal);
    }

    [Fact]
    public void A_symbolic_link_is_judged_by_where_it_leads()
    {
        var allowlist = Allowlist(new { path = Folder("home/projects"), readWrite = true });
        var link = _dir.Combine("home/projects/keys");
        Directory.CreateSymbolicLink(link, Folder("home/.ssh"));

        var decision = MountPolicy.Check(
            new MountSpec { HostPath = link },
            isMainGroup: true,
            allowlist,
            requireExisting: true
        );

        Assert.Contains("blocked pattern '.ssh'", decision.Rejection, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mount_outside_every_allowed_root_or_without_an_allowlist_is_refused()
    {
        var allowlist = Allowlist(new { path = Folder("projects"), readWrite = true });
        var mount = new MountSpec { HostPath = Folder("elsewhere") };

        var outside = MountPolicy.Check(mount, true, allowlist, requireExisting: true);
        var none = MountPolicy.Check(
            mount,
            true,
            MountAllowlistFile.Load(_dir.Combine("missing.json")),
            requireExisting: true
        );

        Assert.Contains("not under any allowed root", outside.Rejection, StringComparison.Ordinal);
        Assert.Contains("there is no mount allow-list", none.Rejection, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mount_that_would_expose_the_allowlist_itself_is_refused()
    {
        var allowlist = Allowlist(new { path = _dir.Path, readWrite = true });

        var decision = MountPolicy.Check(
            new MountSpec { HostPath = _dir.Combine("config") },
            true,
            allowlist,
            requireExisting: true
        );

        Assert.Contains(
            "would expose the mount allow-list",
            decision.Rejection,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void The_jobs_file_check_reports_a_refused_mount_at_its_line_and_column()
    {
        Allowlist(new { path = Folder("projects"), readWrite = true });
        var blocked = Folder("projects/.aws");
        var json = $$"""
            {
              "groups": {
                "ops": { "container": { "additionalMounts": [
                  { "hostPath": "{{Folder("projects/ok")}}" },
                  { "hostPath": "{{blocked}}" }
                ] } }
              },
              "tasks": []
            }
            """;
        var jobs = JobsFileLoader.Parse(json, "jobs.json");
        Assert.True(jobs.IsValid, string.Join("\n", jobs.Problems));
        var options = new NanoClawOptions
        {
            Container = new ContainerRunnerOptions
            {
                MountAllowlistPath = _dir.Combine("config/mount-allowlist.json"),
            },
        };

        var problems = MountAllowlistCheck.Check(
            jobs.File!,
            NanoClawPaths.From(options, "/somewhere"),
            options
        );

        var problem = Assert.Single(problems);
        Assert.StartsWith(
            $"jobs.json:5:7: group 'ops': mount '{blocked}' is refused: it matches the blocked pattern '.aws'",
            problem.ToString(),
            StringComparison.Ordinal
        );
    }

    public void Dispose() => _dir.Dispose();
}
