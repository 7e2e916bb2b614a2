using NanoClaw.Runs;

namespace NanoClaw.Tests.Runners;

public sealed class LargeOutputSpec
{
    [Fact(Timeout = 120_000)]
    public async Task A_run_printing_200_mb_keeps_a_bounded_tail_marked_truncated_and_logs_everything()
    {
        const long Bytes = 200_000_000;
        using var host = new HostRunnerHarness(maxRecordedOutputBytes: 64 * 1024);
        var request = host.Request(
            HostRunnerHarness.Shell(
                $"head -c {Bytes} /dev/zero | tr '\\0' x; echo; echo END-MARK; echo err-tail >&2"
            ),
            TimeSpan.FromSeconds(100)
        );

        var outcome = await host.Runner.RunAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(RunStatus.Succeeded, outcome.Status);
        Assert.True(outcome.Stdout.IsTruncated);
        Assert.Equal(64 * 1024, outcome.Stdout.Text.Length);
        Assert.EndsWith("xxxx\nEND-MARK\n", outcome.Stdout.Text, StringComparison.Ordinal);
        Assert.Equal("err-tail\n", outcome.Stderr.Text);
        Assert.False(outcome.Stderr.IsTruncated);
        var logLength = new FileInfo(request.LogPath).Length;
        Assert.Equal(Bytes + "\nEND-MARK\n".Length + "[stderr] err-tail\n".Length, logLength);
    }

    [Fact(Timeout = 60_000)]
    public async Task The_log_file_stops_at_its_cap_with_a_note_while_the_record_keeps_the_end()
    {
        const int Cap = 1_000_000;
        using var host = new HostRunnerHarness(maxRecordedOutputBytes: 1024, maxLogFileBytes: Cap);
        var request = host.Request(
            HostRunnerHarness.Shell("head -c 3000000 /dev/zero | tr '\\0' y; echo; echo END-MARK"),
            TimeSpan.FromSeconds(50)
        );

        var outcome = await host.Runner.RunAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(RunStatus.Succeeded, outcome.Status);
        Assert.EndsWith("yyy\nEND-MARK\n", outcome.Stdout.Text, StringComparison.Ordinal);
        var log = await File.ReadAllTextAsync(
            request.LogPath,
            TestContext.Current.CancellationToken
        );
        Assert.StartsWith(new string('y', Cap), log, StringComparison.Ordinal);
        Assert.EndsWith(
            "[nanoclaw] log truncated at 1000000 bytes (the size cap); the run record keeps the end of each stream\n",
            log,
            StringComparison.Ordinal
        );
        Assert.True(log.Length < Cap + 200, $"the log holds {log.Length} characters, past its cap");
    }
}
