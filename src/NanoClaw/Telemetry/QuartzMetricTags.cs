using System.Diagnostics.Metrics;
using System.Reflection;
using OpenTelemetry.Metrics;
using Quartz.Diagnostics;

namespace NanoClaw.Telemetry;

/// <summary>
/// Quartz labels its measurements with the trigger's name and the firing's id. Here a trigger is a
/// task (agents create tasks) or one ad hoc run (<c>manual:&lt;runId&gt;</c>), so those labels
/// would add series without bound; they are dropped, and every other Quartz label (its
/// <see cref="ActivityTags"/> and the shared <c>error.type</c>) is kept.
/// </summary>
internal static class QuartzMetricTags
{
    private static readonly string[] Unbounded =
    [
        ActivityTags.TriggerName,
        ActivityTags.FireInstanceId,
    ];

    private static readonly MetricStreamConfiguration Stream = new()
    {
        TagKeys =
        [
            .. typeof(ActivityTags)
                .GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.IsLiteral && f.FieldType == typeof(string))
                .Select(f => (string)f.GetRawConstantValue()!)
                .Append("error.type")
                .Distinct(StringComparer.Ordinal)
                .Except(Unbounded, StringComparer.Ordinal),
        ],
    };

    /// <summary>An OpenTelemetry view: Quartz's instruments without the unbounded labels.</summary>
    public static MetricStreamConfiguration? View(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return instrument.Meter.Name == QuartzInstrumentation.MeterName ? Stream : null;
    }
}
