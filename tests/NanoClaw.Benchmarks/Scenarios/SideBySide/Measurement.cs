using NanoClaw.Benchmarks.Support;

namespace NanoClaw.Benchmarks.Scenarios.SideBySide;

/// <summary>
/// What one contender did in one round: every run it recorded, the measuring window (unix ms), and
/// its own CPU time (daemon or peer process, not the runs' processes) over that window.
/// </summary>
internal sealed record Measurement(
    IReadOnlyList<RunTimes> Runs,
    long FromMs,
    long UntilMs,
    TimeSpan Cpu
)
{
    public IReadOnlyList<RunTimes> StartedInWindow =>
        [.. Runs.Where(r => r.StartedMs >= FromMs && r.StartedMs < UntilMs)];

    public double RunsPerSecond => StartedInWindow.Count / ((UntilMs - FromMs) / 1000.0);

    public double CpuMsPerRun => Cpu.TotalMilliseconds / Math.Max(1, StartedInWindow.Count);

    public int NotSucceeded => StartedInWindow.Count(r => r.Status != "succeeded");

    /// <summary>Lateness (start − scheduled time) of the runs due in the window, a second before its end.</summary>
    public IReadOnlyList<double> Lateness =>
        [
            .. Runs.Where(r => r.ScheduledMs >= FromMs && r.ScheduledMs < UntilMs - 1000)
                .Select(r => (double)(r.StartedMs - r.ScheduledMs)),
        ];

    /// <summary>Runs that started while another run of their group had not finished: the one-per-group guarantee broken.</summary>
    public int Overlaps =>
        Runs.GroupBy(r => r.Group)
            .Sum(group =>
            {
                var overlaps = 0;
                var busyUntil = long.MinValue;
                foreach (var run in group.OrderBy(r => r.StartedMs))
                {
                    if (run.StartedMs < busyUntil)
                        overlaps++;
                    busyUntil = Math.Max(busyUntil, run.FinishedMs);
                }
                return overlaps;
            });

    /// <summary>The most runs in progress at one moment (an end and a start in the same millisecond do not overlap).</summary>
    public int MostAtOnce
    {
        get
        {
            var events = Runs.SelectMany(r =>
                    new[] { (At: r.StartedMs, Step: 1), (At: r.FinishedMs, Step: -1) }
                )
                .OrderBy(e => e.At)
                .ThenBy(e => e.Step);
            int now = 0,
                most = 0;
            foreach (var (_, step) in events)
                most = Math.Max(most, now += step);
            return most;
        }
    }
}
