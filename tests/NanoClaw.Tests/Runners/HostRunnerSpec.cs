using NanoClaw.Runs;
using static NanoClaw.Tests.Runners.HostRunnerHarness;

namespace NanoClaw.Tests.Runners;

public sealed class HostRunnerSpec
{
    [Fact(Timeout = 30_000)]
    public async Task Exit_code_0_succeeds()
    {
        using var host = new HostRunnerHarness();

        var outcome = await host.ShellAsync("exit 0");

        Assert.Equal(RunStatus.Succeeded, outcome.Status);
        Assert.Equal(0, outcome.ExitCode);
        Assert.Null(outcome.Error);
        Assert.True(outcome.FinishedAt >= outcome.StartedAt);
    }

    [Fact(Timeout = 30_000)]
    public async Task Exit_code_3_fails_with_that_code_recorded()
    {
        using var host = new HostRunnerHarness();

        var outcome = await host.ShellAsync("exit 3");

        Assert.Equal(RunStatus.Failed, outcome.Status);
        Assert.Equal(3, outcome.ExitCode);
        Assert.Equal("exit code 3", outcome.Error);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_missing_program_fails_with_exit_127_and_says_it_was_not_found()
    {
        using var host = new HostRunnerHarness();

        var outcome = await host.Runner.RunAsync(
            host.Request(Task("nanoclaw-no-such-program", "--flag"), TimeSpan.FromSeconds(30)),
            TestContext.Current.CancellationToken
        );

        Assert.Equal(RunStatus.Failed, outcome.Status);
        Assert.Equal(127, outcome.ExitCode);
        Assert.Equal(
            "exit code 127: 'nanoclaw-no-such-program' was not found (is it on the run's PATH?)",
            outcome.Error
        );
        Assert.Contains("nanoclaw-no-such-program", outcome.Stderr.Text, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task Stdout_and_stderr_are_kept_exactly_as_printed_and_logged()
    {
        using var host = new HostRunnerHarness();
        var request = host.Request(
            Shell(
                "printf 'one\\n  two\\tÜnïcødé €\\n'; printf 'warn\\nlast' >&2; printf 'no newline'"
            ),
            TimeSpan.FromSeconds(30)
        );

        var outcome = await host.Runner.RunAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(RunStatus.Succeeded, outcome.Status);
        Assert.Equal("one\n  two\tÜnïcødé €\nno newline", outcome.Stdout.Text);
        Assert.Equal("warn\nlast", outcome.Stderr.Text);
        Assert.False(outcome.Stdout.IsTruncated);
        Assert.False(outcome.Stderr.IsTruncated);
        var log = await File.ReadAllTextAsync(
            request.LogPath,
            TestContext.Current.CancellationToken
        );
        Assert.Contains("[stderr] warn\n[stderr] last", log, StringComparison.Ordinal);
        Assert.Contains("one\n  two\tÜnïcødé €\n", log, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task The_run_reads_the_protocol_object_on_stdin_then_eof()
    {
        using var host = new HostRunnerHarness();
        var request = host.Request(Shell("cat; echo '<eof>'"), TimeSpan.FromSeconds(30), "sess-1");

        var outcome = await host.Runner.RunAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(RunStatus.Succeeded, outcome.Status);
        Assert.Equal(
            $$"""{"taskId":"t","runId":"{{request.RunId}}","group":"main","prompt":null,"isMain":true,"isScheduledTask":true,"sessionId":"sess-1"}<eof>"""
                + "\n",
            outcome.Stdout.Text
        );
    }

    [Fact(Timeout = 30_000)]
    public async Task The_run_starts_in_its_group_folder_with_the_nanoclaw_variables()
    {
        using var host = new HostRunnerHarness();
        var request = host.Request(
            Shell(
                "pwd; echo \"$NANOCLAW_MODE $NANOCLAW_TASK_ID $NANOCLAW_RUN_ID $NANOCLAW_GROUP\""
            ),
            TimeSpan.FromSeconds(30)
        );

        var outcome = await host.Runner.RunAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(
            $"{host.Paths.GroupDir("main")}\nhost t {request.RunId} main\n",
            outcome.Stdout.Text
        );
    }
}
