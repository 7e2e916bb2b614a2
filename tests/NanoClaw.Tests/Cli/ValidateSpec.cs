using NanoClaw.Tests.TestSupport;
using static NanoClaw.Tests.Jobs.JobsFileText;

namespace NanoClaw.Tests.Cli;

public sealed class ValidateSpec
{
    [Fact(Timeout = 60_000)]
    public async Task A_valid_configuration_and_jobs_file_exit_0_with_a_summary()
    {
        using var workspace = new Workspace();
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("main", isMain: true)
                .Group("ops")
                .ShellTask("a", "main", "true", new { cron = "*/5 * * * *" })
                .ShellTask("b", "ops", "true", new { interval = "00:01:00" })
                .ShellTask("c", "ops", "true")
                .ToString()
        );

        var run = await CliRun.RunAsync(workspace.Path, "validate");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            $"{workspace.Combine("jobs.json")} is valid: 2 groups, 3 tasks.\n",
            run.Stdout
        );
        // As root, validate says what that means for each kind of run, and nothing else.
        Assert.All(
            run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries),
            line => Assert.Contains(": running as root: ", line, StringComparison.Ordinal)
        );
        Assert.Equal(Environment.IsPrivilegedProcess, run.Stderr.Length > 0);
        Assert.False(Directory.Exists(workspace.DataDir), "validate created the data directory");
    }

    [Fact(Timeout = 60_000)]
    public async Task An_invalid_jobs_file_exits_2_with_every_problem_and_its_location_and_touches_nothing()
    {
        using var workspace = new Workspace();
        var json = With(
            DefaultGroups,
            """{ "id": "a", "group": "opz", "command": ["true"] }""",
            """{ "id": "b", "group": "main", "crom": "* * * * *", "command": ["true"] }""",
            """{ "id": "c", "group": "main", "once": "tomorrow", "command": ["true"] }"""
        );
        workspace.WriteJobs(json);

        var run = await CliRun.RunAsync(workspace.Path, "validate");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal("", run.Stdout);
        Assert.Equal(
            [
                $"{At(json, "\"opz\"")}: task 'a': unknown group 'opz' (declared: main)",
                $"{At(json, "\"crom\"")}: task 'b': unknown property 'crom' (did you mean 'cron'?)",
                $"{At(json, "\"tomorrow\"")}: task 'c': 'once' must be an ISO-8601 instant with an offset (2026-12-01T03:00:00Z), not 'tomorrow'",
                $"3 problems in {workspace.Combine("jobs.json")}; nothing was changed.",
            ],
            run.Stderr.TrimEnd('\n').Split('\n')
        );
        Assert.False(Directory.Exists(workspace.DataDir), "validate created the data directory");
        Assert.False(Directory.Exists(workspace.Combine("groups")), "validate created groups/");
    }

    [Fact(Timeout = 60_000)]
    public async Task Invalid_settings_exit_2_with_every_problem_by_key()
    {
        using var workspace = new Workspace();
        workspace.WriteJobs(new JobsJsonBuilder().Group("main", isMain: true).ToString());

        var run = await CliRun.RunAsync(
            workspace.Path,
            "validate",
            "--NanoClaw:MaxConcurrentRuns=0",
            "--NanoClaw:Container:Runtime=rkt"
        );

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(
            "NanoClaw:MaxConcurrentRuns: must be between 1 and 1024",
            run.Stderr,
            StringComparison.Ordinal
        );
        Assert.Contains(
            "NanoClaw:Container:Runtime: must be 'docker' or 'podman', not 'rkt'",
            run.Stderr,
            StringComparison.Ordinal
        );
        Assert.False(Directory.Exists(workspace.DataDir), "validate created the data directory");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_missing_jobs_file_exits_2_and_says_what_to_do()
    {
        using var workspace = new Workspace();

        var run = await CliRun.RunAsync(workspace.Path, "validate");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(
            $"jobs.json:1:1: the jobs file '{workspace.Combine("jobs.json")}' does not exist (set NanoClaw:JobsFile or create it)",
            run.Stderr,
            StringComparison.Ordinal
        );
    }

    [Fact(Timeout = 60_000)]
    public async Task The_jobs_file_named_in_the_settings_is_the_one_checked()
    {
        using var workspace = new Workspace();
        workspace.WriteJobs("not json at all");
        workspace.WriteFile(
            "conf/other-jobs.json",
            new JobsJsonBuilder()
                .Group("main", isMain: true)
                .ShellTask("a", "main", "true")
                .ToString()
        );

        var run = await CliRun.RunAsync(
            workspace.Path,
            "validate",
            "--NanoClaw:JobsFile=conf/other-jobs.json"
        );

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            $"{workspace.Combine("conf", "other-jobs.json")} is valid: 1 group, 1 task.\n",
            run.Stdout
        );
    }
}
