using Serilog.Core;
using Serilog.Events;

namespace NanoClaw.Hosting;

/// <summary>
/// Lines logged while a run executes carry <c>RunId</c>, <c>TaskId</c> and <c>Group</c> as
/// properties, which the JSON file keeps but a console line would not show. This adds
/// <c>RunContext</c>, " (run R, task T, group G)", for the console to print after the message,
/// unless the message names the run itself.
/// </summary>
internal sealed class RunContextEnricher : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        ArgumentNullException.ThrowIfNull(propertyFactory);
        if (
            !logEvent.Properties.TryGetValue("RunId", out var runId)
            || logEvent.MessageTemplate.Text.Contains("{RunId}", StringComparison.Ordinal)
        )
            return;
        var task = Text(logEvent, "TaskId") ?? "(exec)";
        var group = Text(logEvent, "Group") ?? "?";
        logEvent.AddPropertyIfAbsent(
            propertyFactory.CreateProperty(
                "RunContext",
                $" (run {Scalar(runId)}, task {task}, group {group})"
            )
        );
    }

    private static string? Text(LogEvent logEvent, string name) =>
        logEvent.Properties.TryGetValue(name, out var value) ? Scalar(value) : null;

    private static string? Scalar(LogEventPropertyValue value) =>
        value is ScalarValue { Value: var v } ? v?.ToString() : value.ToString();
}
