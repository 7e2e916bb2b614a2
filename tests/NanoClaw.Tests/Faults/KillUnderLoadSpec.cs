using System.Globalization;
using Microsoft.Data.Sqlite;
using NanoClaw.Runs;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Faults;

/// <summary>
/// The daemon SIGKILLed at random moments while three groups run tasks every second: no group ever
/// runs two runs at once, no firing runs twice, no run stays <c>running</c>, no process survives.
/// docs/RELIABILITY.md quotes the figures this prints.
/// </summary>
public sealed class KillUnderLoadSpec
{
    private const int Groups = 3;
    private const int TasksPerGroup = 3;
    private const int Kills = 6;

    [Fact(Timeout = 240_000)]
    public async Task Random_sigkills_during_a_busy_load_leave_no_overlap_double_running_row_or_survivor()
    {
        using var workspace = new Workspace();
        var spans = workspace.Combine("spans");
        Directory.CreateDirectory(spans);
        var jobs = new JobsJsonBuilder().Group("main", isMain: true);
        for (var g = 0; g < Groups; g++)
        {
            jobs.Group($"g{g}");
            for (var t = 0; t < TasksPerGroup; t++)
                // Each run writes when it started and ended (ns), then a marker that names it in ps.
                jobs.ShellTask(
                    $"g{g}-t{t}",
                    $"g{g}",
                    $"s=$(date +%s%N); sleep 0.{2 + t}; echo \"$s $(date +%s%N) $NANOCLAW_RUN_ID\" >> {spans}/g{g}",
                    new { interval = "00:00:01", misfire = "runOnce" }
                );
        }
        workspace.WriteJobs(jobs.ToString());
        var random = new Random(20261202);
        var survivors = 0;

        for (var kill = 0; kill <= Kills; kill++)
        {
            await using var daemon = workspace.StartDaemon();
            await daemon.WaitUntilStartedAsync();
            await Task.Delay(
                TimeSpan.FromMilliseconds(1500 + random.Next(2500)),
                TestContext.Current.CancellationToken
            );
            if (kill == Kills)
            {
                Assert.Equal(0, await daemon.TerminateAsync(TimeSpan.FromSeconds(60)));
                break;
            }
            await daemon.CrashAsync();
            await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
            survivors += ProcessesUnder(workspace.Path);
        }

        var runs = await workspace.RunsAsync();
        var overlaps = Enumerable.Range(0, Groups).Sum(g => Overlaps(Path.Combine(spans, $"g{g}")));
        var doubles = await DoubledFiringsAsync(workspace.DatabaseFile);
        var running = runs.Count(r => r.Status == RunStatus.Running);
        var interrupted = runs.Count(r => r.Status == RunStatus.Interrupted);
        var recovered = runs.Count(r => r.Trigger == RunTrigger.Recovery);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"kill-under-load: {runs.Count} runs, {Kills} SIGKILLs, {interrupted} interrupted, {recovered} recovered, "
                + $"{overlaps} overlaps, {doubles} doubled firings, {running} running rows, {survivors} surviving processes"
        );

        Assert.True(
            runs.Count >= 40,
            $"only {runs.Count} runs: the load was too light to prove anything"
        );
        Assert.True(interrupted > 0, "no kill landed during a run: the test proved nothing");
        Assert.Equal(0, overlaps);
        Assert.Equal(0, doubles);
        Assert.Equal(0, running);
        Assert.Equal(0, survivors);
    }

    /// <summary>Pairs of finished runs of one group whose [start, end] intervals intersect.</summary>
    private static int Overlaps(string spansFile)
    {
        if (!File.Exists(spansFile))
            return 0;
        var spans = File.ReadAllLines(spansFile)
            .Select(line => line.Split(' '))
            .Where(parts => parts.Length == 3)
            .Select(parts =>
                (
                    Start: long.Parse(parts[0], CultureInfo.InvariantCulture),
                    End: long.Parse(parts[1], CultureInfo.InvariantCulture)
                )
            )
            .OrderBy(span => span.Start)
            .ToList();
        return spans.Zip(spans.Skip(1)).Count(pair => pair.Second.Start < pair.First.End);
    }

    private static async Task<int> DoubledFiringsAsync(string database)
    {
        await using var connection = new SqliteConnection($"Data Source={database}");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT COUNT(*) FROM (SELECT firing_id FROM nanoclaw_runs
            WHERE firing_id IS NOT NULL AND status NOT IN ('interrupted', 'running')
            GROUP BY firing_id HAVING COUNT(*) > 1)
            """;
        return Convert.ToInt32(
            await command.ExecuteScalarAsync(TestContext.Current.CancellationToken),
            CultureInfo.InvariantCulture
        );
    }

    /// <summary>Processes whose working folder lies in the workspace: a run's, left behind.</summary>
    private static int ProcessesUnder(string root)
    {
        var count = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || !ProcessTable.IsAlive(pid))
                continue;
            try
            {
                if (
                    new DirectoryInfo(Path.Combine(dir, "cwd")).LinkTarget is { } cwd
                    && cwd.StartsWith(root, StringComparison.Ordinal)
                )
                    count++;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile, or not ours to look at.
            }
        }
        return count;
    }
}
