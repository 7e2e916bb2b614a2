using System.Diagnostics;
using Microsoft.Data.Sqlite;
using NanoClaw.Benchmarks.Support;
using static NanoClaw.Benchmarks.Support.Figures;

namespace NanoClaw.Benchmarks.Scenarios;

/// <summary>
/// P6: one run printing a huge stdout. The daemon streams it to the run's log file and keeps only a
/// bounded tail in the record, so its memory must barely move while the output goes through.
/// </summary>
public static class BigOutputScenario
{
    public static async Task<IReadOnlyList<Result>> RunAsync(BenchmarkSizes sizes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        using var workspace = new BenchWorkspace();
        var bytes = sizes.BigOutputBytes;
        workspace.WriteJobs(
            new JobsFileText()
                .Group("loud")
                .Task(
                    "flood",
                    "loud",
                    ("interval", "01:00:00"),
                    "sh",
                    "-c",
                    $"sleep 2; yes 'all work and no play makes a long log line' | head -c {bytes}"
                )
                .ToString()
        );

        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        // The run sleeps first: the daemon's memory just before the output starts is the baseline.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var before = daemon.ReadMemory();
        var clock = Stopwatch.StartNew();
        var highest = before.RssMiB;
        var runs = workspace.Runs();
        while ((await runs.FinishedAsync()).Count == 0)
        {
            highest = Math.Max(highest, daemon.ReadMemory().RssMiB);
            if (clock.Elapsed > TimeSpan.FromMinutes(10))
                throw new TimeoutException("the flood run did not finish within 10 minutes");
            await Task.Delay(25);
        }
        var seconds = clock.Elapsed.TotalSeconds - 0.5;
        var after = daemon.ReadMemory();
        await daemon.StopAsync();
        var (stdoutBytes, truncated) = await RecordedStdoutAsync(workspace.DatabaseFile);

        var growth = Math.Max(highest, after.PeakMiB) - before.RssMiB;
        var mib = bytes / 1048576.0;
        return
        [
            new(
                "P6",
                $"daemon RSS growth while a run prints {F(mib)} MiB (~{F(mib / seconds)} MiB/s)",
                $"+{F(growth, "0.0")} MiB (from {F(before.RssMiB)} MiB; VmHWM {F(after.PeakMiB)} MiB)",
                "≤ 50 MB",
                growth * 1.048576 <= 50
            ),
            new(
                "P6",
                "the record keeps a bounded tail of stdout",
                $"{stdoutBytes} bytes kept, truncated: {truncated}",
                "≤ MaxRecordedOutputBytes (65536)",
                stdoutBytes <= 65536 && truncated
            ),
        ];
    }

    private static async Task<(long Bytes, bool Truncated)> RecordedStdoutAsync(string database)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT length(CAST(stdout AS BLOB)), stdout_truncated FROM nanoclaw_runs";
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1) != 0);
    }
}
