using NanoClaw.Jobs;
using NanoClaw.Jobs.Cron;
using NanoClaw.Scheduling.Cron;
using Quartz;

namespace NanoClaw.Scheduling;

/// <summary>Turns a task into the Quartz trigger that carries it.</summary>
internal static class TaskTriggerFactory
{
    /// <summary>
    /// Tasks with no schedule, and disabled ones, still live in the store (so they can be listed and
    /// triggered) as a trigger parked at a start time that never comes.
    /// </summary>
    public static readonly DateTimeOffset ParkedStart = new(2999, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <remarks>
    /// <paramref name="cron"/> is the task's cron, already read (<see cref="CronResolver"/>).
    /// <paramref name="keepPhaseFrom"/> is, for a changed interval task, its old next fire time, so an
    /// edit neither shifts it nor fires it early.
    /// </remarks>
    public static ITrigger Create(
        TaskDefinition task,
        TaskCron? cron,
        DateTimeOffset? keepPhaseFrom = null
    )
    {
        ArgumentNullException.ThrowIfNull(task);
        var json = DefinitionJson.Serialize(task);
        var builder = TriggerBuilder
            .Create()
            .WithIdentity(QuartzKeys.Task(task.Group, task.Id))
            .ForJob(QuartzKeys.Job(task.Group))
            .UsingJobData(JobDataKeys.Task, json)
            .UsingJobData(JobDataKeys.TaskHash, Hash(task, json));
        if (task.Description is not null)
            builder = builder.WithDescription(task.Description);

        var skip = task.Misfire == MisfirePolicy.Skip;
        if (!task.Enabled || !task.HasSchedule)
            return builder
                .StartAt(ParkedStart)
                .WithSimpleSchedule(s =>
                    s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)
                )
                .Build();

        if (task.Cron is not null)
        {
            var zone = task.TimeZone is null
                ? TimeZoneInfo.Utc
                : TimeZoneInfo.FindSystemTimeZoneById(task.TimeZone);
            if (cron is null)
                throw new ArgumentException(
                    $"Task '{task.Id}' has a cron but it was not read.",
                    nameof(cron)
                );
            var instruction = skip
                ? CronTriggerMisfireInstruction.DoNothing
                : CronTriggerMisfireInstruction.FireAndProceed;
            // 5-field lines follow crontab(5) and cronie, which Quartz's own cron trigger does not.
            if (cron.Crontab is not null)
                return builder
                    .WithSchedule(new CrontabScheduleBuilder(cron.Text, zone, (int)instruction))
                    .StartNow()
                    .Build();
            return builder
                .WithCronSchedule(
                    cron.QuartzExpression!,
                    s =>
                    {
                        s.InTimeZone(zone);
                        s.WithMisfireInstruction(instruction);
                    }
                )
                .StartNow()
                .Build();
        }

        if (task.Interval is { } interval)
        {
            return builder
                .StartAt(keepPhaseFrom ?? DateTimeOffset.UtcNow)
                .WithSimpleSchedule(s =>
                {
                    s.WithInterval(interval).RepeatForever();
                    // "Next with remaining count" waits for the next slot on the original grid: a skip.
                    // "Now with existing count" fires at once and continues from there: a run-once.
                    s.WithMisfireInstruction(
                        skip
                            ? SimpleTriggerMisfireInstruction.NextWithRemainingCount
                            : SimpleTriggerMisfireInstruction.NowWithExistingCount
                    );
                })
                .Build();
        }

        var once = task.Once!.Value;
        return builder
            .StartAt(once)
            .WithSimpleSchedule(s =>
            {
                s.WithMisfireInstruction(
                    skip
                        ? SimpleTriggerMisfireInstruction.NextWithRemainingCount
                        : SimpleTriggerMisfireInstruction.FireNow
                );
            })
            .Build();
    }

    /// <summary>
    /// What the sync compares to see a task changed. A 5-field cron's hash also names the trigger type
    /// that carries it, so a store whose cron tasks are still Quartz cron triggers (written before
    /// NanoClaw read 5-field lines itself) has them re-created once, as if they had changed.
    /// </summary>
    public static string Hash(TaskDefinition task) =>
        Hash(task, DefinitionJson.Serialize(task ?? throw new ArgumentNullException(nameof(task))));

    private static string Hash(TaskDefinition task, string json) =>
        task.Cron is not null && CronResolver.Resolve(task.Cron)?.Crontab is not null
            ? DefinitionJson.Hash(json + "\n" + CrontabTriggerPersistence.Discriminator)
            : DefinitionJson.Hash(json);

    public static ITrigger CreateManual(string group, ManualRun run) =>
        TriggerBuilder
            .Create()
            .WithIdentity(QuartzKeys.Manual(group, run.RunId))
            .ForJob(QuartzKeys.Job(group))
            .UsingJobData(JobDataKeys.Manual, DefinitionJson.Serialize(run))
            .StartNow()
            // A queued ad hoc run must run even if its group stays busy past the misfire threshold.
            .WithSimpleSchedule(s =>
                s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow)
            )
            .Build();
}
