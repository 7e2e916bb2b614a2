using Quartz;
using Quartz.Extensibility;

namespace NanoClaw.Scheduling.Cron;

/// <summary>Builds a <see cref="CrontabTrigger"/>, for <c>TriggerBuilder.WithSchedule</c> and the store.</summary>
internal sealed class CrontabScheduleBuilder(
    string cronText,
    TimeZoneInfo timeZone,
    int misfireInstruction
) : IScheduleBuilder
{
    public IMutableTrigger Build() =>
        new CrontabTrigger
        {
            CronText = cronText,
            TimeZone = timeZone,
            MisfireInstructionCode = misfireInstruction,
        };
}
