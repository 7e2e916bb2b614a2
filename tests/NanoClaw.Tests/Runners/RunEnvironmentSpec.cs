using NanoClaw.Configuration;
using NanoClaw.Jobs;
using NanoClaw.Runs;

namespace NanoClaw.Tests.Runners;

public sealed class RunEnvironmentSpec
{
    [Fact(Timeout = 30_000)]
    public async Task A_run_sees_only_allow_listed_variables_its_own_env_and_the_nanoclaw_ones()
    {
        using var host = new HostRunnerHarness();
        var group = new GroupDefinition
        {
            Name = "ops",
            Env = new Dictionary<string, string> { ["REGION"] = "eu", ["LEVEL"] = "group" },
        };
        var task = HostRunnerHarness.Task("env") with
        {
            Group = "ops",
            Env = new Dictionary<string, string> { ["LEVEL"] = "task" },
        };

        var outcome = await host.Runner.RunAsync(
            host.Request(task, TimeSpan.FromSeconds(30), group: group),
            TestContext.Current.CancellationToken
        );

        Assert.Equal(RunStatus.Succeeded, outcome.Status);
        var env = outcome
            .Stdout.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1]);
        // The test process has plenty of its own (DOTNET_*, CI, …): none of it may get through.
        var unexpected = env
            .Keys.Where(name =>
                !HostRunnerOptions.DefaultAllowedEnvironment.Contains(name)
                && !name.StartsWith("NANOCLAW_", StringComparison.Ordinal)
                && name is not ("REGION" or "LEVEL" or "PWD" or "SHLVL" or "_")
            )
            .ToList();
        Assert.Empty(unexpected);
        Assert.Equal("eu", env["REGION"]);
        Assert.Equal("task", env["LEVEL"]);
        Assert.Equal("ops", env["NANOCLAW_GROUP"]);
        Assert.Equal(host.Paths.GroupDir("ops"), env["NANOCLAW_GROUP_DIR"]);
        Assert.Equal(host.Paths.GlobalDir, env["NANOCLAW_GLOBAL_DIR"]);
        Assert.Equal(host.Paths.IpcDir("ops"), env["NANOCLAW_IPC_DIR"]);
        Assert.Equal(Environment.GetEnvironmentVariable("PATH"), env["PATH"]);
    }

    [Fact(Timeout = 30_000)]
    public async Task An_exec_run_reads_a_stdin_object_without_a_task()
    {
        using var host = new HostRunnerHarness();
        var group = new GroupDefinition { Name = "ops" };
        var request = host.ExecRequest(group, "cat");

        var outcome = await host.Runner.RunAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(
            $$"""{"taskId":null,"runId":"{{request.RunId}}","group":"ops","prompt":null,"isMain":false,"isScheduledTask":false,"sessionId":null}""",
            outcome.Stdout.Text
        );
    }
}
