using NanoClaw.Jobs.Cron;
using Quartz;
using Quartz.Impl.Triggers;

namespace NanoClaw.Scheduling.Cron;

/// <summary>
/// A Quartz trigger for a 5-field crontab line, fired as cronie would (<see cref="CrontabOccurrences"/>):
/// Quartz's own cron trigger reads day fields and clock changes differently. Misfires follow the
/// same two instructions as a cron trigger: <see cref="CronTriggerMisfireInstruction.FireAndProceed"/>
/// (the task's <c>runOnce</c>) and <see cref="CronTriggerMisfireInstruction.DoNothing"/> (<c>skip</c>).
/// </summary>
internal sealed class CrontabTrigger : TriggerBase
{
    // The scheduler's clock is the system clock; Quartz keeps the one it hands triggers to itself.
    private static readonly TimeProvider Clock = TimeProvider.System;

    private TaskCron? _cron;

    public CrontabTrigger()
        : base(Clock) { }

    /// <summary>The crontab line as the task wrote it.</summary>
    public string CronText
    {
        get => _cron?.Text ?? "";
        set
        {
            var cron = TaskCron.Parse(value);
            _cron = cron.Crontab is null
                ? throw new ArgumentException(
                    $"cron '{value}' is not a 5-field crontab line",
                    nameof(value)
                )
                : cron;
        }
    }

    public TimeZoneInfo TimeZone { get; set; } = TimeZoneInfo.Utc;

    public override DateTimeOffset StartTimeUtc { get; set; }

    public override DateTimeOffset? EndTimeUtc { get; set; }

    public override DateTimeOffset? NextFireTimeUtc { get; set; }

    public override DateTimeOffset? PreviousFireTimeUtc { get; set; }

    public override DateTimeOffset? FinalFireTimeUtc => null;

    public override bool MayFireAgain => NextFireTimeUtc is not null;

    // Fire times are whole seconds (a skipped time runs a second after the one before it).
    protected override bool HasMillisecondPrecision => false;

    public override IScheduleBuilder GetScheduleBuilder() =>
        new CrontabScheduleBuilder(CronText, TimeZone, MisfireInstructionCode);

    public override DateTimeOffset? GetFireTimeAfter(DateTimeOffset? afterTime)
    {
        var after = afterTime ?? Clock.GetUtcNow();
        // The start time itself may fire, as with Quartz's cron trigger.
        if (after < StartTimeUtc)
            after = StartTimeUtc.AddSeconds(-1);
        if (EndTimeUtc is { } end && after >= end)
            return null;
        var next = Cron.NextAfter(TimeZone, after);
        return next is { } at && EndTimeUtc is { } stop && at > stop ? null : next;
    }

    public override DateTimeOffset? ComputeFirstFireTimeUtc(ICalendar? calendar)
    {
        NextFireTimeUtc = SkipExcluded(GetFireTimeAfter(StartTimeUtc.AddSeconds(-1)), calendar);
        return NextFireTimeUtc;
    }

    public override void Triggered(ICalendar? calendar)
    {
        PreviousFireTimeUtc = NextFireTimeUtc;
        NextFireTimeUtc = SkipExcluded(GetFireTimeAfter(NextFireTimeUtc), calendar);
    }

    public override void UpdateAfterMisfire(ICalendar? calendar)
    {
        var instruction = MisfireInstructionCode;
        if (instruction == (int)CronTriggerMisfireInstruction.IgnoreMisfires)
            return;
        var now = Clock.GetUtcNow();
        NextFireTimeUtc =
            instruction == (int)CronTriggerMisfireInstruction.DoNothing
                ? SkipExcluded(GetFireTimeAfter(now), calendar)
                : now;
    }

    public override void UpdateWithNewCalendar(ICalendar? calendar, TimeSpan misfireThreshold)
    {
        NextFireTimeUtc = SkipExcluded(GetFireTimeAfter(PreviousFireTimeUtc), calendar);
        var now = Clock.GetUtcNow();
        if (NextFireTimeUtc is { } next && next < now && now - next >= misfireThreshold)
            NextFireTimeUtc = SkipExcluded(GetFireTimeAfter(now), calendar);
    }

    protected override bool ValidateMisfireInstruction(int misfireInstruction) =>
        misfireInstruction
            is (int)CronTriggerMisfireInstruction.IgnoreMisfires
                or (int)CronTriggerMisfireInstruction.SmartPolicy
                or (int)CronTriggerMisfireInstruction.FireAndProceed
                or (int)CronTriggerMisfireInstruction.DoNothing;

    private TaskCron Cron =>
        _cron ?? throw new InvalidOperationException("A crontab trigger needs its cron line.");

    private DateTimeOffset? SkipExcluded(DateTimeOffset? next, ICalendar? calendar)
    {
        while (next is { } at && calendar is not null && !calendar.IsTimeIncluded(at))
            next = GetFireTimeAfter(at);
        return next;
    }
}
