namespace NanoClaw.Configuration;

/// <summary><c>NanoClaw:Metrics</c>: the <c>/metrics</c> scrape endpoint and OTLP export (README, "Metrics and traces").</summary>
public sealed class MetricsOptions
{
    /// <summary>Serve <c>/metrics</c> without the bearer token (the Host allow-list still applies).</summary>
    public bool Public { get; init; }

    public OtlpOptions Otlp { get; init; } = new();
}
