using NanoClaw.Configuration;

namespace NanoClaw.Tests.Configuration;

public sealed class ConfigurationSpec
{
    [Fact]
    public void Configuration_keys_on_the_command_line_are_split_from_cli_arguments()
    {
        var (command, keys) = NanoClawConfiguration.SplitArgs([
            "runs",
            "--limit",
            "5",
            "--NanoClaw:MaxConcurrentRuns=8",
            "--",
            "--X:Y=1",
        ]);

        Assert.Equal(["runs", "--limit", "5", "--", "--X:Y=1"], command);
        Assert.Equal(["--NanoClaw:MaxConcurrentRuns=8"], keys);
    }

    [Fact]
    public void Every_invalid_setting_is_reported_by_its_key_at_once()
    {
        var options = new NanoClawOptions
        {
            MaxConcurrentRuns = 0,
            DefaultTimeout = TimeSpan.Zero,
            Container = new ContainerRunnerOptions { Runtime = "rkt" },
        };

        var problems = NanoClawOptionsValidator.Check(options);

        Assert.Contains(
            problems,
            p => p.StartsWith("NanoClaw:MaxConcurrentRuns:", StringComparison.Ordinal)
        );
        Assert.Contains(
            problems,
            p => p.StartsWith("NanoClaw:DefaultTimeout:", StringComparison.Ordinal)
        );
        Assert.Contains(
            problems,
            p => p.StartsWith("NanoClaw:Container:Runtime:", StringComparison.Ordinal)
        );
        Assert.Equal(3, problems.Count);
    }
}
