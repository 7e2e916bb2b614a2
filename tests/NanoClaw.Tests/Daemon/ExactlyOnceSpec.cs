using Microsoft.Data.Sqlite;
using NanoClaw.Runs;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Daemon;

/// <summary>Every firing runs once, also when the daemon dies between a run's end and Quartz completing the firing.</summary>
public sealed class ExactlyOnceSpec
{
    [Fact(Timeout = 90_000)]
    public async Task A_recovered_firing_whose_run_had_finished_runs_nothing_and_records_nothing()
    {
        using var workspace = new Workspace();
        var gate = workspace.Combine("gate");
        var count = workspace.Combine("count");
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("main", isMain: true)
                .ShellTask(
                    "hourly",
                    "main",
                    $"echo ran >> {count}; while [ ! -f {gate} ]; do sleep 0.1; done",
                    new { interval = "01:00:00" }
                )
                .ToString()
        );

        Dictionary<string, object?> firing;
        await using (var daemon = workspace.StartDaemon())
        {
            await daemon.WaitUntilStartedAsync();
            await Eventually.FileWrittenAsync(count, TimeSpan.FromSeconds(20));
            // What Quartz holds while the firing executes: the row a crash would leave behind.
            firing = await ReadFiredTriggerAsync(workspace.DatabaseFile);
            await File.WriteAllTextAsync(gate, "", TestContext.Current.CancellationToken);
            await workspace.WaitForRunsAsync(
                "hourly",
                1,
                TimeSpan.FromSeconds(20),
                r => r.Status == RunStatus.Succeeded
            );
            Assert.Equal(0, await daemon.TerminateAsync(TimeSpan.FromSeconds(30)));
        }
        // The daemon died after recording the run but before Quartz completed the firing.
        await InsertFiredTriggerAsync(workspace.DatabaseFile, firing);

        await using (var daemon = workspace.StartDaemon())
        {
            await daemon.WaitUntilStartedAsync();
            await daemon.WaitForOutputAsync("runs nothing", TimeSpan.FromSeconds(30));
            Assert.Equal(0, await daemon.TerminateAsync(TimeSpan.FromSeconds(30)));
        }

        var run = Assert.Single(await workspace.RunsAsync("hourly"));
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Single(await File.ReadAllLinesAsync(count, TestContext.Current.CancellationToken));
    }

    [Fact(Timeout = 90_000)]
    public async Task A_recovered_firing_whose_run_was_interrupted_runs_again()
    {
        using var workspace = new Workspace();
        var count = workspace.Combine("count");
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("main", isMain: true)
                .ShellTask(
                    "hourly",
                    "main",
                    $"echo ran >> {count}; [ $(wc -l < {count}) -gt 1 ] || sleep 300",
                    new { interval = "01:00:00" }
                )
                .ToString()
        );

        await using (var daemon = workspace.StartDaemon())
        {
            await daemon.WaitUntilStartedAsync();
            await Eventually.FileWrittenAsync(count, TimeSpan.FromSeconds(20));
            await daemon.CrashAsync();
        }
        await using (var daemon = workspace.StartDaemon())
        {
            await daemon.WaitUntilStartedAsync();
            await workspace.WaitForRunsAsync(
                "hourly",
                2,
                TimeSpan.FromSeconds(20),
                r => r.Status is not (RunStatus.Running or RunStatus.Queued)
            );
            Assert.Equal(0, await daemon.TerminateAsync(TimeSpan.FromSeconds(30)));
        }

        var runs = await workspace.RunsAsync("hourly");
        Assert.Equal(
            [RunStatus.Succeeded, RunStatus.Interrupted],
            runs.Select(r => r.Status).ToArray()
        );
        Assert.Equal(RunTrigger.Recovery, runs[0].Trigger);
    }

    private static async Task<Dictionary<string, object?>> ReadFiredTriggerAsync(string database)
    {
        await using var connection = new SqliteConnection($"Data Source={database}");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM QRTZ_FIRED_TRIGGERS WHERE TRIGGER_NAME = 'hourly'";
        await using var reader = await command.ExecuteReaderAsync(
            TestContext.Current.CancellationToken
        );
        Assert.True(await reader.ReadAsync(TestContext.Current.CancellationToken));
        var row = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i < reader.FieldCount; i++)
            row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
        return row;
    }

    private static async Task InsertFiredTriggerAsync(
        string database,
        Dictionary<string, object?> row
    )
    {
        await using var connection = new SqliteConnection($"Data Source={database}");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            $"INSERT INTO QRTZ_FIRED_TRIGGERS ({string.Join(", ", row.Keys)}) VALUES ({string.Join(", ", row.Keys.Select(k => "@" + k))})";
        foreach (var (name, value) in row)
            command.Parameters.AddWithValue("@" + name, value ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }
}
