using Quartz.Extensibility;
using Quartz.Impl.AdoJobStore;

namespace NanoClaw.Scheduling.Cron;

/// <summary>
/// Stores a <see cref="CrontabTrigger"/> in Quartz's simple-properties table: the line as written
/// and the zone id. Next and previous fire times, state and misfire instruction live in the trigger
/// row like any trigger's.
/// </summary>
internal sealed class CrontabTriggerPersistence : SimplePropertiesTriggerPersistenceDelegateBase
{
    // TRIGGER_TYPE holds at most 8 characters.
    public const string Discriminator = "CRONTAB";

    public override bool CanHandleTriggerType(IOperableTrigger trigger) =>
        trigger is CrontabTrigger;

    public override string GetHandledTriggerTypeDiscriminator() => Discriminator;

    protected override SimplePropertiesTriggerProperties GetTriggerProperties(
        IOperableTrigger trigger
    )
    {
        var crontab = (CrontabTrigger)trigger;
        return new SimplePropertiesTriggerProperties
        {
            String1 = crontab.CronText,
            TimeZoneId = crontab.TimeZone.Id,
        };
    }

    protected override TriggerPropertyBundle GetTriggerPropertyBundle(
        SimplePropertiesTriggerProperties properties
    )
    {
        ArgumentNullException.ThrowIfNull(properties);
        var zone = properties.TimeZoneId is { Length: > 0 } id
            ? TimeZoneInfo.FindSystemTimeZoneById(id)
            : TimeZoneInfo.Utc;
        // The misfire instruction comes back from the trigger row; the builder's is overwritten.
        return new TriggerPropertyBundle(
            new CrontabScheduleBuilder(properties.String1 ?? "", zone, misfireInstruction: 0)
        );
    }
}
