using NanoClaw.Jobs;
using NanoClaw.Jobs.Cron;
using NanoClaw.Scheduling;
using NanoClaw.Scheduling.Cron;
using Quartz;

namespace NanoClaw.Tests.Cron;

/// <summary>The Quartz trigger that carries a 5-field cron: fire times, firing, misfires, rebuilding.</summary>
public sealed class CrontabTriggerSpec
{
    private static TaskDefinition Task(
        string cron,
        string? zone = null,
        MisfirePolicy misfire = MisfirePolicy.RunOnce
    ) =>
        new()
        {
            Id = "t",
            Group = "main",
            Cron = cron,
            TimeZone = zone,
            Command = ["true"],
            Misfire = misfire,
        };

    private static CrontabTrigger Trigger(TaskDefinition task) =>
        Assert.IsType<CrontabTrigger>(
            TaskTriggerFactory.Create(task, CronResolver.Resolve(task.Cron))
        );

    [Fact]
    public void A_five_field_task_gets_a_crontab_trigger_and_a_quartz_one_keeps_quartzs_cron_trigger()
    {
        Assert.IsType<CrontabTrigger>(
            TaskTriggerFactory.Create(Task("0 9 * * 1-5"), CronResolver.Resolve("0 9 * * 1-5"))
        );
        Assert.IsAssignableFrom<ICronTrigger>(
            TaskTriggerFactory.Create(
                Task("0 0 9 ? * MON-FRI"),
                CronResolver.Resolve("0 0 9 ? * MON-FRI")
            )
        );
    }

    [Fact]
    public void Its_fire_times_are_the_engines_in_the_tasks_zone()
    {
        var task = Task("0,30 2 * * *", "Europe/Berlin");
        var trigger = Trigger(task);
        trigger.StartTimeUtc = new DateTimeOffset(2026, 3, 28, 0, 0, 0, TimeSpan.Zero);

        var first = trigger.ComputeFirstFireTimeUtc(null);
        trigger.Triggered(null);
        var second = trigger.NextFireTimeUtc;
        trigger.Triggered(null);

        Assert.Equal(new DateTimeOffset(2026, 3, 28, 1, 0, 0, TimeSpan.Zero), first);
        Assert.Equal(new DateTimeOffset(2026, 3, 28, 1, 30, 0, TimeSpan.Zero), second);
        Assert.Equal(second, trigger.PreviousFireTimeUtc);
        // The night the clocks skip 02:00-03:00: both times run right after the change.
        Assert.Equal(
            new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero),
            trigger.NextFireTimeUtc
        );
        Assert.Equal(
            new DateTimeOffset(2026, 3, 29, 1, 0, 1, TimeSpan.Zero),
            trigger.GetFireTimeAfter(trigger.NextFireTimeUtc)
        );
    }

    [Fact]
    public void A_run_once_misfire_fires_now_and_a_skip_misfire_waits_for_the_next_time()
    {
        var past = DateTimeOffset.UtcNow.AddHours(-3);
        var runOnce = Trigger(Task("* * * * *"));
        var skip = Trigger(Task("* * * * *", misfire: MisfirePolicy.Skip));
        runOnce.NextFireTimeUtc = past;
        skip.NextFireTimeUtc = past;

        var before = DateTimeOffset.UtcNow;
        runOnce.UpdateAfterMisfire(null);
        skip.UpdateAfterMisfire(null);
        var after = DateTimeOffset.UtcNow;

        Assert.InRange(runOnce.NextFireTimeUtc!.Value, before.AddSeconds(-1), after.AddSeconds(1));
        Assert.InRange(skip.NextFireTimeUtc!.Value, before, after.AddMinutes(1));
        Assert.Equal(0, skip.NextFireTimeUtc.Value.Second);
    }

    [Fact]
    public void Its_schedule_builder_rebuilds_the_same_schedule()
    {
        var trigger = Trigger(Task("15 1-3 * * *", "America/New_York", MisfirePolicy.Skip));

        var rebuilt = Assert.IsType<CrontabTrigger>(trigger.GetScheduleBuilder().Build());
        var from = new DateTimeOffset(2026, 10, 31, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal("15 1-3 * * *", rebuilt.CronText);
        Assert.Equal("America/New_York", rebuilt.TimeZone.Id);
        Assert.Equal(trigger.MisfireInstructionCode, rebuilt.MisfireInstructionCode);
        Assert.Equal(
            TaskCron.Parse("15 1-3 * * *").Next(rebuilt.TimeZone, from, 5),
            Enumerable
                .Range(0, 5)
                .Aggregate(
                    new List<DateTimeOffset>(),
                    (list, _) =>
                    {
                        list.Add(
                            rebuilt.GetFireTimeAfter(list.Count == 0 ? from : list[^1])!.Value
                        );
                        return list;
                    }
                )
        );
    }

    [Fact]
    public void A_task_moved_from_quartzs_cron_trigger_hashes_differently_so_the_sync_recreates_it()
    {
        var crontab = Task("0 9 * * 1-5");
        var quartz = Task("0 0 9 ? * MON-FRI");

        Assert.NotEqual(
            DefinitionJson.Hash(DefinitionJson.Serialize(crontab)),
            TaskTriggerFactory.Hash(crontab)
        );
        Assert.Equal(
            DefinitionJson.Hash(DefinitionJson.Serialize(quartz)),
            TaskTriggerFactory.Hash(quartz)
        );
    }
}
