using NanoClaw.Runs;

namespace NanoClaw.Tests.Runners;

public sealed class StructuredOutputSpec
{
    private const string Start = "---NANOCLAW_OUTPUT_START---";
    private const string End = "---NANOCLAW_OUTPUT_END---";

    [Fact(Timeout = 30_000)]
    public async Task A_success_block_anywhere_in_stdout_gives_the_result()
    {
        using var host = new HostRunnerHarness();

        var outcome = await host.ShellAsync(
            $$"""echo 'thinking...'; echo '{{Start}}{"status":"success","result":{"answer":42},"newSessionId":"s-2"}{{End}}'; echo done"""
        );

        Assert.Equal(RunStatus.Succeeded, outcome.Status);
        var agent = Assert.IsType<NanoClaw.Runners.AgentOutput>(outcome.Agent);
        Assert.Equal("success", agent.Status);
        Assert.Equal(42, agent.Result!.Value.GetProperty("answer").GetInt32());
        Assert.Equal("s-2", agent.NewSessionId);
        Assert.Null(outcome.Error);
    }

    [Fact(Timeout = 30_000)]
    public async Task An_error_block_fails_a_run_that_exits_0()
    {
        using var host = new HostRunnerHarness();

        var outcome = await host.ShellAsync(
            $$"""echo '{{Start}}{"status":"error","error":"the API said no"}{{End}}'; exit 0"""
        );

        Assert.Equal(RunStatus.Failed, outcome.Status);
        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal("the API said no", outcome.Error);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_block_split_across_writes_and_markers_cut_in_half_is_still_found()
    {
        using var host = new HostRunnerHarness();

        // Each printf is its own write, with pauses so they reach the runner as separate chunks.
        var outcome = await host.ShellAsync(
            """
            printf -- '---NANOCLAW_OUT'; sleep 0.2
            printf 'PUT_START---{"status":"suc'; sleep 0.2
            printf 'cess","result":"split"}---NANOCLAW_OUTPUT_'; sleep 0.2
            printf 'END---\n'
            """
        );

        Assert.Equal(RunStatus.Succeeded, outcome.Status);
        Assert.Equal("split", outcome.Agent?.Result?.GetString());
    }

    [Fact(Timeout = 30_000)]
    public async Task The_last_of_several_blocks_wins()
    {
        using var host = new HostRunnerHarness();

        var outcome = await host.ShellAsync(
            $$"""echo '{{Start}}{"status":"error","error":"draft"}{{End}}'; echo '{{Start}}{"status":"success","result":"final"}{{End}}'"""
        );

        Assert.Equal(RunStatus.Succeeded, outcome.Status);
        Assert.Equal("final", outcome.Agent?.Result?.GetString());
    }

    [Fact(Timeout = 30_000)]
    public async Task A_block_that_is_not_json_is_ignored_with_a_note_and_the_exit_code_decides()
    {
        using var host = new HostRunnerHarness();

        var outcome = await host.ShellAsync($$"""echo '{{Start}}{not json{{End}}'""");

        Assert.Equal(RunStatus.Succeeded, outcome.Status);
        Assert.Null(outcome.Agent);
        Assert.StartsWith("the structured output block is not valid JSON", outcome.Error);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_non_zero_exit_fails_even_with_a_success_block()
    {
        using var host = new HostRunnerHarness();

        var outcome = await host.ShellAsync(
            $$"""echo '{{Start}}{"status":"success"}{{End}}'; exit 4"""
        );

        Assert.Equal(RunStatus.Failed, outcome.Status);
        Assert.Equal(4, outcome.ExitCode);
    }
}
