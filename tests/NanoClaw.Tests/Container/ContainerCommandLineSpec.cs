using NanoClaw.Jobs;
using NanoClaw.Runners.Container;
using NanoClaw.Runners.Container.Mounts;

namespace NanoClaw.Tests.Container;

public sealed class ContainerCommandLineSpec
{
    private static ContainerRunSpec Spec(GroupDefinition group, IReadOnlyList<string>? command)
    {
        using var harness = new ContainerRunnerHarness();
        return new ContainerRunSpec
        {
            Request = harness.Request(group, command),
            Name = "nanoclaw-g-1",
            Image = "img:1",
            InstanceId = "abc",
            RuntimeName = "podman",
            User = new ContainerUser(65534, 65534),
            Environment = new Dictionary<string, string>
            {
                ["API_KEY"] = "s3cret-value",
                ["NANOCLAW_MODE"] = "container",
            },
            Mounts = [new ResolvedMount("/data/docs", "/workspace/extra/docs", IsReadOnly: true)],
        };
    }

    [Fact]
    public void Variables_are_passed_by_name_only_so_no_value_is_on_the_command_line()
    {
        var argv = ContainerCommandLine.Build(
            "/usr/bin/podman",
            Spec(ContainerRunnerHarness.Group("g"), ["env"])
        );

        Assert.DoesNotContain(argv, arg => arg.Contains("s3cret", StringComparison.Ordinal));
        Assert.Contains("API_KEY", argv);
        Assert.Equal("-e", argv[argv.ToList().IndexOf("API_KEY") - 1]);
    }

    [Fact]
    public void A_command_follows_the_image_and_a_prompt_run_leaves_the_entrypoint_to_the_image()
    {
        var group = ContainerRunnerHarness.Group("g");

        var commandRun = ContainerCommandLine.Build("podman", Spec(group, ["sh", "-c", "date"]));
        var promptRun = ContainerCommandLine.Build("podman", Spec(group, null));

        Assert.Equal(["img:1", "sh", "-c", "date"], commandRun.TakeLast(4));
        Assert.Equal("img:1", promptRun[^1]);
    }

    [Fact]
    public void The_network_is_off_unless_the_group_allows_it_and_limits_come_from_the_group()
    {
        var closed = ContainerCommandLine.Build(
            "podman",
            Spec(
                ContainerRunnerHarness.Group(
                    "g",
                    new ContainerSettings { Memory = "256m", Cpus = 1.5 }
                ),
                ["true"]
            )
        );
        var open = ContainerCommandLine.Build(
            "podman",
            Spec(ContainerRunnerHarness.Group("g") with { Network = true }, ["true"])
        );

        Assert.Contains("none", closed);
        Assert.Equal("256m", closed[closed.ToList().IndexOf("--memory") + 1]);
        Assert.Equal("1.5", closed[closed.ToList().IndexOf("--cpus") + 1]);
        Assert.Contains("/data/docs:/workspace/extra/docs:ro,nosuid,nodev", closed);
        Assert.DoesNotContain("--network", open);
    }
}
