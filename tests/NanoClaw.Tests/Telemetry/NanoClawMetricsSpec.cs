using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using NanoClaw.Configuration;
using NanoClaw.Execution;
using NanoClaw.Runs;
using NanoClaw.Scheduling;
using NanoClaw.Telemetry;
using NanoClaw.Tests.TestSupport;
using Quartz;

namespace NanoClaw.Tests.Telemetry;

/// <summary>The <c>NanoClaw</c> meter in process, on a real Quartz store in a SQLite file.</summary>
public sealed class NanoClawMetricsSpec : IAsyncDisposable
{
    private readonly TempDir _dir = new();
    private readonly ServiceProvider _provider;

    public NanoClawMetricsSpec()
    {
        var paths = NanoClawPaths.From(
            new NanoClawOptions { DataDirectory = _dir.Combine("data") },
            _dir.Path
        );
        Directory.CreateDirectory(paths.DataDir);
        var services = new ServiceCollection().AddLogging().AddMetrics();
        services.AddNanoClawQuartz(new NanoClawOptions(), paths);
        services
            .AddSingleton<ActiveRuns>()
            .AddSingleton<GroupGauges>()
            .AddSingleton<NanoClawMetrics>();
        _provider = services.BuildServiceProvider();
    }

    [Fact]
    public void Retries_and_deliveries_are_counted_with_labels_from_fixed_lists()
    {
        using var recorder = new Recorder(_provider.GetRequiredService<IMeterFactory>());
        var metrics = _provider.GetRequiredService<NanoClawMetrics>();

        metrics.RetryScheduled("ops", RunStatus.TimedOut);
        metrics.NotificationDelivery(
            NotificationTargetKind.Webhook,
            "task.recovered",
            DeliveryOutcome.Delivered
        );
        metrics.NotificationDelivery(
            NotificationTargetKind.Command,
            "run.failed",
            DeliveryOutcome.GaveUp
        );
        // An event name from outside the list must not become a series of its own.
        metrics.NotificationDelivery(
            NotificationTargetKind.Webhook,
            "run.failed\n" + Guid.NewGuid(),
            DeliveryOutcome.Failed
        );

        Assert.Equal(
            ["nanoclaw.retries.scheduled group=ops status=timed_out"],
            recorder.Lines("nanoclaw.retries.scheduled")
        );
        Assert.Equal(
            [
                "nanoclaw.notification.deliveries event=task.recovered outcome=delivered target=webhook",
                "nanoclaw.notification.deliveries event=run.failed outcome=gave_up target=command",
                "nanoclaw.notification.deliveries event=other outcome=failed target=webhook",
            ],
            recorder.Lines("nanoclaw.notification.deliveries")
        );
    }

    [Fact(Timeout = 60_000)]
    public async Task The_queue_gauge_counts_due_firings_per_group_and_leaves_paused_ones_out()
    {
        var ct = TestContext.Current.CancellationToken;
        var scheduler = _provider.GetRequiredService<IScheduler>();
        foreach (var group in new[] { "busy", "quiet" })
            await scheduler.AddJob(
                JobBuilder
                    .Create<GroupJob>()
                    .WithIdentity(QuartzKeys.Job(group))
                    .StoreDurably()
                    .Build(),
                AddJobOptions.Replacing,
                ct
            );
        var past = DateTimeOffset.UtcNow.AddMinutes(-1);
        foreach (var task in new[] { "a", "b", "held" })
            await scheduler.ScheduleJob(
                TriggerBuilder
                    .Create()
                    .WithIdentity(QuartzKeys.Task("busy", task))
                    .ForJob(QuartzKeys.Job("busy"))
                    .StartAt(past)
                    .Build(),
                cancellationToken: ct
            );
        await scheduler.PauseTrigger(QuartzKeys.Task("busy", "held"), ct);
        await scheduler.ScheduleJob(
            TriggerBuilder
                .Create()
                .WithIdentity(QuartzKeys.Task("quiet", "later"))
                .ForJob(QuartzKeys.Job("quiet"))
                .StartAt(DateTimeOffset.UtcNow.AddHours(1))
                .Build(),
            cancellationToken: ct
        );
        using var recorder = new Recorder(_provider.GetRequiredService<IMeterFactory>());
        _provider.GetRequiredService<NanoClawMetrics>();

        recorder.Collect();

        Assert.Equal(
            ["nanoclaw.queue.length group=busy = 2", "nanoclaw.queue.length group=quiet = 0"],
            recorder.Values("nanoclaw.queue.length").Order()
        );
        Assert.Equal(
            ["nanoclaw.runs.running group=busy = 0", "nanoclaw.runs.running group=quiet = 0"],
            recorder.Values("nanoclaw.runs.running").Order()
        );
    }

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        _dir.Dispose();
    }

    /// <summary>Every measurement of the meters one factory made, as text.</summary>
    private sealed class Recorder : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly List<(string Instrument, string Tags, long Value)> _measurements = [];

        public Recorder(IMeterFactory factory)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (
                    instrument.Meter.Scope == factory
                    && instrument.Meter.Name == NanoClawMetrics.MeterName
                )
                    listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>(
                (instrument, value, tags, _) =>
                {
                    var text = string.Join(
                        ' ',
                        tags.ToArray().Select(t => $"{t.Key}={t.Value}").Order()
                    );
                    lock (_measurements)
                        _measurements.Add((instrument.Name, text, value));
                }
            );
            _listener.Start();
        }

        public void Collect() => _listener.RecordObservableInstruments();

        public IReadOnlyList<string> Lines(string instrument)
        {
            lock (_measurements)
                return
                [
                    .. _measurements
                        .Where(m => m.Instrument == instrument)
                        .Select(m => $"{m.Instrument} {m.Tags}"),
                ];
        }

        public IReadOnlyList<string> Values(string instrument)
        {
            lock (_measurements)
                return
                [
                    .. _measurements
                        .Where(m => m.Instrument == instrument)
                        .Select(m => $"{m.Instrument} {m.Tags} = {m.Value}"),
                ];
        }

        public void Dispose() => _listener.Dispose();
    }
}
