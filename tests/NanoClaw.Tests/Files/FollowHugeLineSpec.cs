using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Files;

public sealed class FollowHugeLineSpec
{
    private const long LineBytes = 200_000_000;
    private const int PieceBytes = 64 * 1024;

    [Fact(Timeout = 150_000)]
    public async Task A_200_mb_line_without_newline_is_followed_to_its_end_in_bounded_time_and_memory()
    {
        using var workspace = new Workspace();
        workspace.WriteJobs(new JobsJsonBuilder().Group("main", isMain: true).ToString());
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();
        var before = PeakMemoryKiB(daemon.Pid);

        var exec = await workspace.CliAsync(
            "exec",
            "--group",
            "main",
            "--json",
            "--",
            "sh",
            "-c",
            $"head -c {LineBytes} /dev/zero | tr '\\0' x"
        );
        var id = JsonDocument.Parse(exec.Stdout).RootElement.GetProperty("runId").GetString()!;
        var clock = Stopwatch.StartNew();
        // Counted by wc, so the test process does not hold 200 MB either.
        var follow = await CliRun.ExecAsync(
            workspace.Path,
            ["-c", $"{DaemonProcess.ExecutablePath} logs {id} --follow | wc -c"],
            timeout: TimeSpan.FromSeconds(120),
            program: "sh"
        );
        clock.Stop();
        var peakGrowthMiB = (PeakMemoryKiB(daemon.Pid) - before) / 1024;

        Assert.Equal(0, follow.ExitCode);
        // Every byte, each 64 KiB piece on its own line.
        var pieces = (LineBytes + PieceBytes - 1) / PieceBytes;
        Assert.Equal(
            LineBytes + pieces,
            long.Parse(follow.Stdout.Trim(), CultureInfo.InvariantCulture)
        );
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), $"following took {clock.Elapsed}");
        TestContext.Current.SendDiagnosticMessage(
            $"followed {LineBytes} bytes in {clock.Elapsed}; daemon peak RSS grew {peakGrowthMiB} MiB"
        );
        Assert.True(peakGrowthMiB < 150, $"the daemon's peak memory grew by {peakGrowthMiB} MiB");
    }

    private static long PeakMemoryKiB(int pid) =>
        long.Parse(
            File.ReadAllLines($"/proc/{pid}/status")
                .Single(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
                .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1],
            CultureInfo.InvariantCulture
        );
}
