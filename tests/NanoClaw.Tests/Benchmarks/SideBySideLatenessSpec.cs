using NanoClaw.Benchmarks.Scenarios.SideBySide;
using NanoClaw.Benchmarks.Support;

namespace NanoClaw.Tests.Benchmarks;

/// <summary>
/// S3's lateness is a figure only when every run due in its window was recorded: when a system's
/// backlog grows, the runs due late in the window have not started by its end, and the few that did
/// are the least late, so a percentile over them would flatter the system (or, with none, be NaN).
/// </summary>
public sealed class SideBySideLatenessSpec
{
    // A window from 10.5 s to 14.5 s: lateness counts runs due before 13.5 s, i.e. at 11, 12 and 13 s.
    private const long From = 10_500;
    private const long Until = 14_500;

    [Fact]
    public void Runs_due_in_the_lateness_window_are_one_per_task_per_whole_second()
    {
        var measurement = new Measurement([], From, Until, TimeSpan.Zero, TimeSpan.Zero);

        Assert.Equal(3, measurement.DueInLatenessWindow(1));
        Assert.Equal(300, measurement.DueInLatenessWindow(100));
        Assert.Equal(
            0,
            new Measurement([], 10_000, 10_900, TimeSpan.Zero, TimeSpan.Zero).DueInLatenessWindow(5)
        );
    }

    [Fact]
    public void Lateness_is_measurable_when_every_due_run_was_recorded()
    {
        var measurement = Of(Run(11_000, 11_020), Run(12_000, 12_030), Run(13_000, 13_010));

        Assert.True(measurement.IsLatenessMeasurable(1));
        Assert.Equal([20, 30, 10], measurement.Lateness);
    }

    [Fact]
    public void Lateness_is_unmeasurable_when_due_runs_had_not_started_by_the_windows_end()
    {
        // The backlog grew: the runs started in the window were due before it; of those due in
        // it, only the first had started when it closed.
        var measurement = Of(
            Run(8_000, 10_600),
            Run(9_000, 11_900),
            Run(10_000, 13_100),
            Run(11_000, 14_300)
        );

        Assert.False(measurement.IsLatenessMeasurable(1));
        Assert.Single(measurement.Lateness);
        Assert.Equal(2_500, measurement.WaitedBeforeWindow);
    }

    [Fact]
    public void Lateness_is_unmeasurable_when_no_due_run_was_recorded()
    {
        var measurement = Of(Run(9_000, 10_600));

        Assert.False(measurement.IsLatenessMeasurable(1));
        Assert.Empty(measurement.Lateness);
    }

    private static Measurement Of(params RunTimes[] runs) =>
        new(runs, From, Until, TimeSpan.Zero, TimeSpan.Zero);

    private static RunTimes Run(long scheduledMs, long startedMs) =>
        new("t", "g", "succeeded", scheduledMs, startedMs, startedMs + 5);
}
