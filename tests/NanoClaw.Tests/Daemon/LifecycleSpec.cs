using NanoClaw.Runs;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Daemon;

public sealed class LifecycleSpec
{
    [Fact(Timeout = 60_000)]
    public async Task Sigterm_lets_a_running_run_finish_then_exits_zero()
    {
        using var workspace = new Workspace();
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("main", isMain: true)
                .ShellTask(
                    "slow",
                    "main",
                    "sleep 2; echo done",
                    new { once = JobsJsonBuilder.Instant(DateTimeOffset.UtcNow.AddSeconds(1)) }
                )
                .ToString()
        );

        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();
        await workspace.WaitForRunsAsync("slow", 1, TimeSpan.FromSeconds(20));
        var exitCode = await daemon.TerminateAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, exitCode);
        var run = Assert.Single(await workspace.RunsAsync("slow"));
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal("done\n", run.Stdout);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_run_longer_than_the_shutdown_grace_is_interrupted_and_recovered_on_the_next_start()
    {
        using var workspace = new Workspace(settings =>
            settings["ShutdownGracePeriod"] = "00:00:01"
        );
        var mark = workspace.Combine("attempted");
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("main", isMain: true)
                .ShellTask(
                    "slow",
                    "main",
                    $"if [ -f {mark} ]; then echo second; exit 0; fi; touch {mark}; sleep 60",
                    new { once = JobsJsonBuilder.Instant(DateTimeOffset.UtcNow.AddSeconds(1)) }
                )
                .ToString()
        );

        await using (var daemon = workspace.StartDaemon())
        {
            await daemon.WaitUntilStartedAsync();
            await workspace.WaitForRunsAsync("slow", 1, TimeSpan.FromSeconds(20));
            Assert.Equal(0, await daemon.TerminateAsync(TimeSpan.FromSeconds(30)));
        }
        var first = Assert.Single(await workspace.RunsAsync("slow"));
        Assert.Equal(RunStatus.Interrupted, first.Status);

        await using (var daemon = workspace.StartDaemon())
        {
            await daemon.WaitUntilStartedAsync();
            await workspace.WaitForRunsAsync(
                "slow",
                2,
                TimeSpan.FromSeconds(20),
                r => r.Status is not (RunStatus.Running or RunStatus.Queued)
            );
            Assert.Equal(0, await daemon.TerminateAsync(TimeSpan.FromSeconds(30)));
        }
        var recovered = (await workspace.RunsAsync("slow"))[0];
        Assert.Equal(RunTrigger.Recovery, recovered.Trigger);
        Assert.Equal(RunStatus.Succeeded, recovered.Status);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_second_daemon_on_the_same_data_directory_refuses_to_start()
    {
        using var workspace = new Workspace();
        workspace.WriteJobs(new JobsJsonBuilder().Group("main", isMain: true).ToString());
        await using var first = workspace.StartDaemon();
        await first.WaitUntilStartedAsync();

        await using var second = workspace.StartDaemon();
        var exitCode = await second.WaitForExitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(1, exitCode);
        Assert.Contains(
            "Another NanoClaw daemon is running",
            second.Output,
            StringComparison.Ordinal
        );
        Assert.False(first.HasExited);
        Assert.Equal(0, await first.TerminateAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact(Timeout = 30_000)]
    public async Task An_invalid_jobs_file_stops_the_daemon_with_exit_2_before_the_store_is_touched()
    {
        using var workspace = new Workspace();
        workspace.WriteJobs(
            """{ "groups": { "main": {} }, "tasks": [ { "id": "x", "group": "opz", "command": ["true"] } ] }"""
        );

        await using var daemon = workspace.StartDaemon();
        var exitCode = await daemon.WaitForExitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(2, exitCode);
        Assert.Contains("unknown group 'opz'", daemon.Output, StringComparison.Ordinal);
        Assert.False(
            File.Exists(workspace.DatabaseFile),
            "the store was created although the jobs file is invalid"
        );
    }

    [Fact(Timeout = 60_000)]
    public async Task A_canary_in_the_daemons_environment_never_reaches_a_run()
    {
        using var workspace = new Workspace();
        var dump = workspace.Combine("env.txt");
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("main", isMain: true)
                .ShellTask(
                    "dump",
                    "main",
                    $"env > {dump}",
                    new
                    {
                        once = JobsJsonBuilder.Instant(DateTimeOffset.UtcNow.AddSeconds(1)),
                        env = new { TASK_VAR = "from-task" },
                    }
                )
                .ToString()
        );

        await using var daemon = workspace.StartDaemon(
            new Dictionary<string, string> { ["NANOCLAW_CANARY_SECRET"] = "canary-4711" }
        );
        await daemon.WaitUntilStartedAsync();
        await workspace.WaitForRunsAsync(
            "dump",
            1,
            TimeSpan.FromSeconds(20),
            r => r.Status is not (RunStatus.Running or RunStatus.Queued)
        );
        await daemon.TerminateAsync(TimeSpan.FromSeconds(30));

        var env = await File.ReadAllTextAsync(dump, TestContext.Current.CancellationToken);
        Assert.DoesNotContain("canary-4711", env, StringComparison.Ordinal);
        Assert.DoesNotContain("canary-4711", daemon.Output, StringComparison.Ordinal);
        Assert.Contains("TASK_VAR=from-task", env, StringComparison.Ordinal);
        Assert.Contains("NANOCLAW_TASK_ID=dump", env, StringComparison.Ordinal);
        Assert.Contains("NANOCLAW_MODE=host", env, StringComparison.Ordinal);
        Assert.Contains("PATH=", env, StringComparison.Ordinal);
    }
}
