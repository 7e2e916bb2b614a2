using System.Diagnostics.Metrics;
using NanoClaw.Runs;

namespace NanoClaw.Telemetry;

/// <summary>
/// The <c>NanoClaw</c> meter: what runs did, how late they started, and what waits. Labels are
/// bounded: a group comes from the jobs file, mode, status and trigger from fixed lists; task and
/// run ids never become labels (agents create tasks, every run is new), they are in the traces.
/// </summary>
internal sealed class NanoClawMetrics
{
    public const string MeterName = "NanoClaw";

    // Seconds, from a quick command to a long agent session.
    private static readonly double[] DurationBuckets =
    [
        0.1,
        0.5,
        1,
        2.5,
        5,
        10,
        30,
        60,
        120,
        300,
        600,
        1800,
        3600,
        7200,
    ];

    // Seconds; a healthy scheduler starts within milliseconds, a misfire minutes late.
    private static readonly double[] LatenessBuckets =
    [
        0.005,
        0.01,
        0.025,
        0.05,
        0.1,
        0.25,
        0.5,
        1,
        2.5,
        5,
        10,
        30,
        60,
        300,
        3600,
    ];

    private readonly Counter<long> _started;
    private readonly Counter<long> _finished;
    private readonly Histogram<double> _duration;
    private readonly Histogram<double> _lateness;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _deliveries;

    public NanoClawMetrics(IMeterFactory meterFactory, GroupGauges gauges)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(gauges);
        var meter = meterFactory.Create(MeterName, TelemetryNames.Version);
        _started = meter.CreateCounter<long>(
            "nanoclaw.runs.started",
            "{run}",
            "Runs started, by group, execution mode and trigger"
        );
        _finished = meter.CreateCounter<long>(
            "nanoclaw.runs.finished",
            "{run}",
            "Runs finished, by group, execution mode and status"
        );
        _duration = meter.CreateHistogram(
            "nanoclaw.run.duration",
            "s",
            "How long finished runs took, by group, execution mode and status",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets }
        );
        _lateness = meter.CreateHistogram(
            "nanoclaw.firing.lateness",
            "s",
            "How long after its scheduled time a run started, by group and trigger",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatenessBuckets }
        );
        _retries = meter.CreateCounter<long>(
            "nanoclaw.retries.scheduled",
            "{run}",
            "Retries scheduled after a run failed, by group and the status that caused them"
        );
        _deliveries = meter.CreateCounter<long>(
            "nanoclaw.notification.deliveries",
            "{delivery}",
            "Notification delivery attempts, by target kind, event and outcome"
        );
        meter.CreateObservableGauge(
            "nanoclaw.queue.length",
            gauges.Queued,
            "{run}",
            "Firings of each group that are due but wait for the group's running run or a free slot"
        );
        meter.CreateObservableUpDownCounter(
            "nanoclaw.runs.running",
            gauges.Running,
            "{run}",
            "Runs executing on this node now, by group"
        );
    }

    /// <summary>A run was recorded <c>running</c> and its process is about to start.</summary>
    public void RunStarted(RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var group = new KeyValuePair<string, object?>("group", run.Group);
        _started.Add(1, group, Mode(run), Trigger(run));
        _lateness.Record(
            Math.Max(0, (run.StartedAt - run.ScheduledAt).TotalSeconds),
            group,
            Trigger(run)
        );
    }

    /// <summary>A started run ended, whatever its status.</summary>
    public void RunFinished(RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var group = new KeyValuePair<string, object?>("group", run.Group);
        var status = new KeyValuePair<string, object?>("status", RunStatusNames.ToName(run.Status));
        _finished.Add(1, group, Mode(run), status);
        _duration.Record((run.DurationMs ?? 0) / 1000.0, group, Mode(run), status);
    }

    /// <summary>A retry of a run that ended with <paramref name="cause"/> was scheduled.</summary>
    public void RetryScheduled(string group, RunStatus cause) =>
        _retries.Add(
            1,
            new KeyValuePair<string, object?>("group", group),
            new KeyValuePair<string, object?>("status", RunStatusNames.ToName(cause))
        );

    /// <summary>One attempt to deliver a notification; <paramref name="eventName"/> is e.g. <c>run.failed</c>.</summary>
    public void NotificationDelivery(
        NotificationTargetKind target,
        string eventName,
        DeliveryOutcome outcome
    ) =>
        _deliveries.Add(
            1,
            new KeyValuePair<string, object?>("target", TagValues.Of(target)),
            new KeyValuePair<string, object?>("event", TagValues.Event(eventName)),
            new KeyValuePair<string, object?>("outcome", TagValues.Of(outcome))
        );

    private static KeyValuePair<string, object?> Mode(RunRecord run) =>
        new("mode", TagValues.Of(run.Mode));

    private static KeyValuePair<string, object?> Trigger(RunRecord run) =>
        new("trigger", TagValues.Of(run.Trigger));
}
