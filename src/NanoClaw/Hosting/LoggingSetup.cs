using NanoClaw.Configuration;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace NanoClaw.Hosting;

internal static class LoggingSetup
{
    private const string ConsoleTemplate =
        "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{RunContext}{NewLine}{Exception}";

    // The journal stamps every line itself and files it by the <N> priority prefix.
    private const string JournalTemplate =
        "{JournalPriority}{Message:lj}{RunContext}{NewLine}{Exception}";

    /// <summary>
    /// Console for people, a rolling JSON file in the data directory for tools. Levels can be changed
    /// in the <c>Serilog</c> section of appsettings.json; the sinks are fixed here because the file
    /// lives in the configured data directory. Under systemd, console lines go to the journal
    /// without colours or timestamps and with their priority.
    /// </summary>
    public static IServiceCollection AddNanoClawLogging(
        this IServiceCollection services,
        IConfiguration configuration,
        NanoClawPaths paths
    ) =>
        services.AddSerilog(
            (_, logger) =>
                logger
                    .MinimumLevel.Information()
                    .MinimumLevel.Override("Quartz", LogEventLevel.Warning)
                    .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
                    .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
                    .ReadFrom.Configuration(configuration)
                    .Enrich.FromLogContext()
                    .Enrich.With<RunContextEnricher>()
                    .WriteTo.Logger(console => WriteToConsole(console))
                    .WriteTo.File(
                        new CompactJsonFormatter(),
                        Path.Combine(paths.DaemonLogDir, "nanoclaw-.json"),
                        rollingInterval: RollingInterval.Day,
                        retainedFileCountLimit: 14,
                        hooks: new PrivateLogFileHooks()
                    )
        );

    /// <summary>
    /// A logger of its own, so the priority it adds for the journal stays out of the JSON file
    /// (a sub-logger gets a copy of each event). It takes every event its parent lets through.
    /// </summary>
    private static void WriteToConsole(LoggerConfiguration console)
    {
        console.MinimumLevel.Verbose();
        if (!JournaldPriority.IsJournalConnected)
        {
            console.WriteTo.Console(
                outputTemplate: ConsoleTemplate,
                formatProvider: System.Globalization.CultureInfo.InvariantCulture
            );
            return;
        }
        console
            .Enrich.With<JournaldPriority>()
            .WriteTo.Console(
                outputTemplate: JournalTemplate,
                formatProvider: System.Globalization.CultureInfo.InvariantCulture,
                theme: Serilog.Sinks.SystemConsole.Themes.ConsoleTheme.None
            );
    }
}
