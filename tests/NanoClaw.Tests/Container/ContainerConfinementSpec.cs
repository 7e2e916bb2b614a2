using NanoClaw.Files;
using NanoClaw.Jobs;
using NanoClaw.Runners.Container.Files;
using NanoClaw.Runs;

namespace NanoClaw.Tests.Container;

/// <summary>What a container run is allowed to be: never root, no capabilities, no way to gain privileges.</summary>
public sealed class ContainerConfinementSpec
{
    private const uint SetUid = 0x800;
    private const uint SetGid = 0x400;

    // podman 4.3 sometimes drops the output of a container that exits within milliseconds.
    private const string Linger = "; status=$?; sleep 0.3; exit $status";

    private static FileIdentity Stat(string path)
    {
        using var handle = NoFollowPath.Open(path);
        return FileIdentity.Of(handle);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_run_cannot_leave_a_setuid_root_file_in_its_group_folder()
    {
        Podman.Require();
        using var harness = new ContainerRunnerHarness();
        var request = harness.Request(
            ContainerRunnerHarness.Group("planter"),
            [
                "sh",
                "-c",
                "cp /bin/busybox x; chmod 4755 x; chown 0:0 x; chmod 4755 x; ls -ln x" + Linger,
            ]
        );

        var outcome = await harness.Runner.RunAsync(request, TestContext.Current.CancellationToken);

        var planted = Path.Combine(request.GroupDir, "x");
        Assert.True(
            File.Exists(planted),
            $"the run did not even copy the file: {outcome.Stderr.Text} {outcome.Error}"
        );
        var file = Stat(planted);
        Assert.NotEqual(0u, file.Uid);
        Assert.NotEqual(0u, file.Gid);
        Assert.Equal(65534u, file.Uid);
        // The run may set its own set-id bit (the kernel lets an owner do it); it buys nobody
        // anything if no other local user can reach the file: the groups folder is closed to them.
        Assert.Equal(0u, Stat(harness.Paths.GroupsDir).Permissions & 0x7);
        Assert.Equal(0u, Stat(Path.GetDirectoryName(request.IpcDir)!).Permissions & 0x7);
        Assert.False(
            file.Uid == 0 && (file.Permissions & (SetUid | SetGid)) != 0,
            "a setuid-root file was left"
        );
    }

    [Fact(Timeout = 60_000)]
    public async Task A_run_is_not_root_has_no_capabilities_gains_no_privileges_and_writes_its_folders()
    {
        Podman.Require();
        using var harness = new ContainerRunnerHarness();
        var request = harness.Request(
            ContainerRunnerHarness.Group("confined"),
            [
                "sh",
                "-c",
                "echo uid=$(id -u) gid=$(id -g); grep -E '^(CapEff|NoNewPrivs):' /proc/self/status; "
                    + "grep -E ' /workspace/(group|ipc|global) ' /proc/mounts; "
                    + "echo g > /workspace/group/written && echo i > /workspace/ipc/written && echo r > /workspace/ipc/requests/.probe && echo wrote"
                    + Linger,
            ]
        );

        var outcome = await harness.Runner.RunAsync(request, TestContext.Current.CancellationToken);

        var stdout = outcome.Stdout.Text;
        Assert.True(
            outcome.Status == RunStatus.Succeeded,
            $"{outcome.Error}\n{stdout}\n{outcome.Stderr.Text}"
        );
        Assert.Contains("uid=65534 gid=65534", stdout, StringComparison.Ordinal);
        Assert.Matches(@"CapEff:\s+0000000000000000", stdout);
        Assert.Matches(@"NoNewPrivs:\s+1", stdout);
        foreach (var folder in new[] { "group", "ipc", "global" })
            Assert.Matches($@" /workspace/{folder} \S+ [^ ]*\bnosuid\b[^ ]*\bnodev\b", stdout);
        Assert.Contains("wrote", stdout, StringComparison.Ordinal);
        Assert.Equal(65534u, Stat(Path.Combine(request.GroupDir, "written")).Uid);
        Assert.Equal(65534u, Stat(Path.Combine(request.IpcDir, "requests")).Uid);
        Assert.Equal(65534u, Stat(Path.Combine(request.IpcDir, "requests", ".probe")).Uid);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_groups_user_and_capabilities_override_the_settings()
    {
        Podman.Require();
        using var harness = new ContainerRunnerHarness(user: "2222:2222", capAdd: ["CHOWN"]);
        const string Probe =
            "echo uid=$(id -u):$(id -g); grep -E '^CapEff:' /proc/self/status; touch /workspace/group/mine"
            + Linger;
        var plain = harness.Request(ContainerRunnerHarness.Group("plain"), ["sh", "-c", Probe]);
        var own = harness.Request(
            ContainerRunnerHarness.Group(
                "own",
                new ContainerSettings { User = "4321:4322", CapAdd = ["cap_net_bind_service"] }
            ),
            ["sh", "-c", Probe]
        );

        var plainRun = await harness.Runner.RunAsync(plain, TestContext.Current.CancellationToken);
        var ownRun = await harness.Runner.RunAsync(own, TestContext.Current.CancellationToken);

        Assert.True(plainRun.Status == RunStatus.Succeeded, plainRun.Error + plainRun.Stderr.Text);
        Assert.True(ownRun.Status == RunStatus.Succeeded, ownRun.Error + ownRun.Stderr.Text);
        Assert.Contains("uid=2222:2222", plainRun.Stdout.Text, StringComparison.Ordinal);
        Assert.Contains("uid=4321:4322", ownRun.Stdout.Text, StringComparison.Ordinal);
        // CAP_CHOWN is bit 0, CAP_NET_BIND_SERVICE bit 10: the group's list adds to the setting's.
        Assert.Matches(@"CapEff:\s+0000000000000001\b", plainRun.Stdout.Text);
        Assert.Matches(@"CapEff:\s+0000000000000401\b", ownRun.Stdout.Text);
        Assert.Equal(4321u, Stat(Path.Combine(own.GroupDir, "mine")).Uid);
        Assert.Equal(4321u, Stat(own.GroupDir).Uid);
    }

    [Fact]
    public void A_root_user_or_an_unknown_capability_is_refused_where_it_is_written()
    {
        var json = """
            {
              "groups": {
                "a": { "container": { "user": "0:0", "capAdd": ["NET_RAW", "ALL", "cap_fly"] } },
                "b": { "container": { "user": "nobody" } },
                "c": { "container": { "user": "1000:0" } }
              },
              "tasks": []
            }
            """;

        var loaded = NanoClaw.Jobs.Loading.JobsFileLoader.Parse(json, "jobs.json");
        var settings = NanoClaw.Configuration.NanoClawOptionsValidator.Check(
            new NanoClaw.Configuration.NanoClawOptions
            {
                Container = new NanoClaw.Configuration.ContainerRunnerOptions
                {
                    User = "0:65534",
                    CapAdd = ["SYS_ADMIN", "superpower"],
                },
            }
        );

        var problems = loaded.Problems.Select(p => p.ToString()).ToList();
        Assert.Equal(5, problems.Count);
        Assert.Contains(
            problems,
            p =>
                p.StartsWith(
                    "jobs.json:3:35: group 'a': 'user' must not be root",
                    StringComparison.Ordinal
                )
        );
        Assert.Contains(
            problems,
            p => p.Contains("'ALL' is not a Linux capability", StringComparison.Ordinal)
        );
        Assert.Contains(
            problems,
            p => p.Contains("'cap_fly' is not a Linux capability", StringComparison.Ordinal)
        );
        Assert.Contains(
            problems,
            p => p.Contains("group 'b': 'user' must be a numeric uid:gid", StringComparison.Ordinal)
        );
        Assert.Contains(
            problems,
            p => p.Contains("group 'c': 'user' must not be root", StringComparison.Ordinal)
        );
        Assert.Equal(2, settings.Count);
        Assert.Contains(
            settings,
            p => p.StartsWith("NanoClaw:Container:User: must not be root", StringComparison.Ordinal)
        );
        Assert.Contains(
            settings,
            p => p.StartsWith("NanoClaw:Container:CapAdd: 'superpower'", StringComparison.Ordinal)
        );
    }
}
