using NanoClaw.Configuration;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Quartz.Diagnostics;

namespace NanoClaw.Telemetry;

/// <summary>
/// OpenTelemetry for the daemon: NanoClaw's and Quartz's meters (and the runtime's) for the
/// <c>/metrics</c> scrape and OTLP; NanoClaw's and Quartz's spans for OTLP only, since a scrape has
/// no place for them and collecting them for nobody would cost every firing.
/// </summary>
internal static class TelemetryRegistration
{
    public const string MetricsPath = "/metrics";

    /// <summary>The standard variable the OTLP exporter reads; configuration carries the environment.</summary>
    private const string StandardEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static IServiceCollection AddNanoClawTelemetry(
        this IServiceCollection services,
        NanoClawOptions options,
        IConfiguration configuration
    )
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton<GroupGauges>().AddSingleton<NanoClawMetrics>();
        var otlp = options.Metrics.Otlp;
        var pushes =
            otlp.Endpoint is not null
            || !string.IsNullOrWhiteSpace(configuration[StandardEndpointKey]);
        var telemetry = services
            .AddOpenTelemetry()
            .ConfigureResource(r =>
                r.AddService(
                    TelemetryNames.ServiceName,
                    serviceVersion: TelemetryNames.Version,
                    serviceInstanceId: options.NodeName
                )
            )
            .WithMetrics(m =>
            {
                m.AddMeter(
                    NanoClawMetrics.MeterName,
                    QuartzInstrumentation.MeterName,
                    "System.Runtime"
                );
                m.AddView(QuartzMetricTags.View);
                m.AddPrometheusExporter();
                if (pushes)
                    m.AddOtlpExporter(o => Configure(o, otlp, "v1/metrics"));
            });
        if (pushes)
            telemetry.WithTracing(t =>
                t.AddSource(NanoClawTracing.SourceName, QuartzInstrumentation.ActivitySourceName)
                    .AddOtlpExporter(o => Configure(o, otlp, "v1/traces"))
            );
        return services;
    }

    /// <summary>
    /// <c>/metrics</c> on the admin URL: behind the bearer token like <c>/api</c>, or open with
    /// <c>Metrics:Public</c>. With the admin API disabled there is no token, so only a public
    /// endpoint is served.
    /// </summary>
    public static void MapNanoClawMetrics(this WebApplication app, NanoClawOptions options)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(options);
        // The meter's gauges exist from start, not only once a first run resolves the meter.
        app.Services.GetRequiredService<NanoClawMetrics>();
        if (options.Metrics.Public)
            app.MapPrometheusScrapingEndpoint(MetricsPath).AllowAnonymous();
        else if (options.Admin.Enabled)
            app.MapPrometheusScrapingEndpoint(MetricsPath).RequireAuthorization();
    }

    /// <summary>
    /// The setting wins over the standard variables. Given as a base URL like the standard endpoint,
    /// it gets the signal's path for OTLP over HTTP, as the standard variable does.
    /// </summary>
    private static void Configure(OtlpExporterOptions exporter, OtlpOptions otlp, string signalPath)
    {
        if (otlp.Endpoint is not { } endpoint)
            return;
        var http = otlp.Protocol == OtlpOptions.HttpProtobuf;
        exporter.Protocol = http ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        exporter.Endpoint = http
            ? new Uri(endpoint.TrimEnd('/') + "/" + signalPath)
            : new Uri(endpoint);
    }
}
