using System.Reflection;

namespace NanoClaw.Telemetry;

/// <summary>The names NanoClaw's telemetry is found by, and the version it reports.</summary>
internal static class TelemetryNames
{
    public const string ServiceName = "nanoclaw";

    public static string Version { get; } =
        typeof(TelemetryNames)
            .Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()
            ?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";
}
