using System.Globalization;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Daemon;

public sealed class GroupSerializationSpec
{
    [Fact(Timeout = 90_000)]
    public async Task A_group_never_runs_two_tasks_at_once_while_different_groups_run_in_parallel()
    {
        // Arrange: 3 groups × 3 tasks, each firing every second and busy for 0.3 s, so a group is
        // nearly always busy and its triggers must queue behind each other.
        using var workspace = new Workspace();
        var spans = workspace.Combine("spans");
        Directory.CreateDirectory(spans);
        var script =
            $"""echo "$NANOCLAW_GROUP $(date +%s%N)" > {spans}/$NANOCLAW_RUN_ID; sleep 0.3; date +%s%N >> {spans}/$NANOCLAW_RUN_ID""";
        var jobs = new JobsJsonBuilder();
        foreach (var group in new[] { "alpha", "beta", "gamma" })
        {
            jobs.Group(group);
            for (var i = 0; i < 3; i++)
                jobs.ShellTask($"{group}-{i}", group, script, new { interval = "00:00:01" });
        }
        workspace.WriteJobs(jobs.ToString());

        // Act
        await using (var daemon = workspace.StartDaemon())
        {
            await daemon.WaitUntilStartedAsync();
            await Task.Delay(TimeSpan.FromSeconds(8), TestContext.Current.CancellationToken);
            Assert.Equal(0, await daemon.TerminateAsync(TimeSpan.FromSeconds(30)));
        }

        // Assert: the processes' own timestamps
        var runs = Directory
            .GetFiles(spans)
            .Select(File.ReadAllLines)
            .Where(lines => lines.Length == 2)
            .Select(lines =>
            {
                var first = lines[0].Split(' ');
                return (
                    Group: first[0],
                    Start: long.Parse(first[1], CultureInfo.InvariantCulture),
                    End: long.Parse(lines[1], CultureInfo.InvariantCulture)
                );
            })
            .ToList();
        foreach (var group in runs.GroupBy(r => r.Group))
        {
            var ordered = group.OrderBy(r => r.Start).ToList();
            Assert.True(ordered.Count >= 8, $"group {group.Key} ran only {ordered.Count} times");
            for (var i = 1; i < ordered.Count; i++)
                Assert.True(
                    ordered[i].Start >= ordered[i - 1].End,
                    $"group {group.Key}: a run started before the previous one ended"
                );
        }
        var overlapsAcrossGroups = runs.Any(a =>
            runs.Any(b => a.Group != b.Group && a.Start < b.End && b.Start < a.End)
        );
        Assert.True(overlapsAcrossGroups, "different groups never ran at the same time");
    }
}
