using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NanoClaw.Configuration;
using NanoClaw.Scheduling;
using NanoClaw.Tests.TestSupport;
using Quartz;
using Quartz.Extensibility;

namespace NanoClaw.Tests.Scheduling;

/// <summary>
/// The signaler NanoClaw puts between Quartz's store and its firing loop, on a real Quartz store in a
/// SQLite file: a change of unknown time becomes the earliest time anything waiting is due.
/// </summary>
public sealed class DueTimeSignalerSpec
{
    private static readonly DateTimeOffset UnknownTime = new(1982, 6, 28, 0, 0, 0, TimeSpan.Zero);

    [Fact(Timeout = 60_000)]
    public async Task A_change_of_unknown_time_is_signalled_as_the_earliest_waiting_fire_time()
    {
        var ct = TestContext.Current.CancellationToken;
        using var dir = new TempDir();
        var paths = NanoClawPaths.From(
            new NanoClawOptions { DataDirectory = dir.Combine("data") },
            dir.Path
        );
        Directory.CreateDirectory(paths.DataDir);
        var services = new ServiceCollection().AddLogging();
        services.AddNanoClawQuartz(new NanoClawOptions(), paths);
        await using var provider = services.BuildServiceProvider();
        // The store Quartz builds gets this signaler, not its own.
        Assert.IsType<DueTimeSignaler>(provider.GetRequiredService<ISchedulerSignaler>());
        var scheduler = provider.GetRequiredService<IScheduler>();

        var soon = Whole(DateTimeOffset.UtcNow.AddHours(1));
        var later = soon.AddHours(1);
        var job = JobBuilder.Create<GroupJob>().WithIdentity("g", "test").StoreDurably().Build();
        await scheduler.AddJob(job, AddJobOptions.Replacing, ct);
        await scheduler.ScheduleJob(At("later", job, later), cancellationToken: ct);
        await scheduler.ScheduleJob(At("soon", job, soon), cancellationToken: ct);
        // A paused trigger cannot be acquired, however early it is due.
        var paused = At("paused", job, soon.AddMinutes(-30));
        await scheduler.ScheduleJob(paused, cancellationToken: ct);
        await scheduler.PauseTrigger(paused.Key, ct);

        var inner = new RecordingSignaler();
        var signaler = new DueTimeSignaler(
            inner,
            $"Data Source={paths.DatabaseFile}",
            QuartzRegistration.SchedulerName,
            NullLogger<DueTimeSignaler>.Instance
        );

        await signaler.SignalSchedulingChange(UnknownTime, ct);
        await signaler.SignalSchedulingChange(null, ct);
        // A change the store already gave a time for goes through as it is.
        var given = later.AddMinutes(5);
        await signaler.SignalSchedulingChange(given, ct);
        Assert.Equal([soon, soon, given], inner.Signals);

        // Nothing waiting: nothing could be due sooner, so the loop is not woken at all.
        await scheduler.UnscheduleJobs([new TriggerKey("soon"), new TriggerKey("later")], ct);
        await signaler.SignalSchedulingChange(UnknownTime, ct);
        Assert.Equal(3, inner.Signals.Count);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_store_that_cannot_be_read_leaves_the_signal_as_the_store_gave_it()
    {
        using var dir = new TempDir();
        var inner = new RecordingSignaler();
        // A database without Quartz's tables: the query fails.
        var signaler = new DueTimeSignaler(
            inner,
            $"Data Source={dir.Combine("empty.db")}",
            QuartzRegistration.SchedulerName,
            NullLogger<DueTimeSignaler>.Instance
        );

        await signaler.SignalSchedulingChange(UnknownTime, TestContext.Current.CancellationToken);

        Assert.Equal([null], inner.Signals);
    }

    private static ITrigger At(string name, IJobDetail job, DateTimeOffset at) =>
        TriggerBuilder.Create().WithIdentity(name).ForJob(job).StartAt(at).Build();

    private static DateTimeOffset Whole(DateTimeOffset t) =>
        new(t.Year, t.Month, t.Day, t.Hour, t.Minute, t.Second, TimeSpan.Zero);

    private sealed class RecordingSignaler : ISchedulerSignaler
    {
        public List<DateTimeOffset?> Signals { get; } = [];

        public ValueTask SignalSchedulingChange(
            DateTimeOffset? candidateNewNextFireTimeUtc,
            CancellationToken cancellationToken = default
        )
        {
            Signals.Add(candidateNewNextFireTimeUtc);
            return ValueTask.CompletedTask;
        }

        public ValueTask NotifyTriggerListenersMisfired(
            ITrigger trigger,
            CancellationToken cancellationToken = default
        ) => ValueTask.CompletedTask;

        public ValueTask NotifyTriggerListenersSkipped(
            ITrigger trigger,
            CancellationToken cancellationToken = default
        ) => ValueTask.CompletedTask;

        public ValueTask NotifySchedulerListenersFinalized(
            ITrigger trigger,
            CancellationToken cancellationToken = default
        ) => ValueTask.CompletedTask;

        public ValueTask NotifySchedulerListenersJobDeleted(
            JobKey jobKey,
            CancellationToken cancellationToken = default
        ) => ValueTask.CompletedTask;

        public ValueTask NotifySchedulerListenersTriggerInError(
            TriggerKey triggerKey,
            CancellationToken cancellationToken = default
        ) => ValueTask.CompletedTask;

        public ValueTask NotifySchedulerListenersTriggersInError(
            JobKey jobKey,
            CancellationToken cancellationToken = default
        ) => ValueTask.CompletedTask;

        public ValueTask NotifySchedulerListenersError(
            SchedulerErrorContext error,
            CancellationToken cancellationToken = default
        ) => ValueTask.CompletedTask;
    }
}
