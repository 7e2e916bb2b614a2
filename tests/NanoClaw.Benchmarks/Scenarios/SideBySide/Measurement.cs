using NanoClaw.Benchmarks.Support;

namespace NanoClaw.Benchmarks.Scenarios.SideBySide;

/// <summary>
/// What one contender did in one round: every run it recorded, the measuring window (unix ms), and
/// its own CPU time (daemon or peer process, not the runs' processes) over that window, and the part
/// of it the runtime's background re-JIT thread took (<see cref="Jit"/>, at least that much: a worker
/// that ended inside the window is not counted).
/// </summary>
internal sealed record Measurement(
    IReadOnlyList<RunTimes> Runs,
    long FromMs,
    long UntilMs,
    TimeSpan Cpu,
    TimeSpan Jit
)
{
    public IReadOnlyList<RunTimes> StartedInWindow =>
        [.. Runs.Where(r => r.StartedMs >= FromMs && r.StartedMs < UntilMs)];

    public double RunsPerSecond => StartedInWindow.Count / ((UntilMs - FromMs) / 1000.0);

    public double CpuMsPerRun => Cpu.TotalMilliseconds / Math.Max(1, StartedInWindow.Count);

    /// <summary>
    /// The part of <see cref="CpuMsPerRun"/> spent re-compiling hot methods in the background: a
    /// start-up cost that the seconds-long window divides among its runs, not a cost of each run.
    /// </summary>
    public double JitMsPerRun => Jit.TotalMilliseconds / Math.Max(1, StartedInWindow.Count);

    public int NotSucceeded => StartedInWindow.Count(r => r.Status != "succeeded");

    /// <summary>Lateness (start − scheduled time) of the runs due in the window, a second before its end.</summary>
    public IReadOnlyList<double> Lateness =>
        [
            .. Runs.Where(r => r.ScheduledMs >= FromMs && r.ScheduledMs < UntilMs - 1000)
                .Select(r => (double)(r.StartedMs - r.ScheduledMs)),
        ];

    /// <summary>
    /// How many runs were due in the lateness window when <paramref name="tasks"/> tasks are each due
    /// on every whole second: one per task per whole second in it.
    /// </summary>
    public int DueInLatenessWindow(int tasks)
    {
        var firstSecond = (FromMs + 999) / 1000;
        var lastSecond = (UntilMs - 1000 - 1) / 1000;
        return tasks * (int)Math.Max(0, lastSecond - firstSecond + 1);
    }

    /// <summary>
    /// Lateness says something only when every run due in its window was recorded: when the backlog
    /// grows, the runs due late in the window have not started by its end, and the ones that did are
    /// the least late (an empty or partial list, whose percentiles would flatter the system).
    /// </summary>
    public bool IsLatenessMeasurable(int tasks) =>
        Lateness.Count > 0 && Lateness.Count >= DueInLatenessWindow(tasks);

    /// <summary>How long before the window's start the oldest run started in the window had been due (ms); 0 when none was.</summary>
    public double WaitedBeforeWindow =>
        StartedInWindow.Select(r => (double)(FromMs - r.ScheduledMs)).DefaultIfEmpty(0).Max();

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
