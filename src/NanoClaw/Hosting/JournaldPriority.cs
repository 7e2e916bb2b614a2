using Serilog.Core;
using Serilog.Events;

namespace NanoClaw.Hosting;

/// <summary>
/// Adds <c>JournalPriority</c>, the <c>&lt;N&gt;</c> prefix (sd-daemon(3)) by which journald files a
/// console line under its syslog level, so <c>journalctl -p warning</c> finds warnings and errors.
/// </summary>
internal sealed class JournaldPriority : ILogEventEnricher
{
    public const string PropertyName = "JournalPriority";

    /// <summary>systemd sets it when standard output or error goes to the journal (systemd.exec(5)).</summary>
    public static bool IsJournalConnected { get; } =
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("JOURNAL_STREAM"));

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        ArgumentNullException.ThrowIfNull(propertyFactory);
        logEvent.AddPropertyIfAbsent(
            propertyFactory.CreateProperty(PropertyName, Prefix(logEvent.Level))
        );
    }

    public static string Prefix(LogEventLevel level) =>
        level switch
        {
            LogEventLevel.Fatal => "<2>",
            LogEventLevel.Error => "<3>",
            LogEventLevel.Warning => "<4>",
            LogEventLevel.Information => "<6>",
            _ => "<7>",
        };
}
