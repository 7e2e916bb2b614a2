namespace NanoClaw.Configuration;

/// <summary><c>NanoClaw:Metrics:Otlp</c>: where metrics and traces are pushed over OTLP.</summary>
public sealed class OtlpOptions
{
    public const string Grpc = "grpc";
    public const string HttpProtobuf = "http/protobuf";

    /// <summary>
    /// The collector's base URL (<c>http://collector:4317</c>); unset, the standard
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> decides, and without either nothing is pushed.
    /// </summary>
    public string? Endpoint { get; init; }

    /// <summary><c>grpc</c> or <c>http/protobuf</c>; unset, <c>OTEL_EXPORTER_OTLP_PROTOCOL</c> or gRPC.</summary>
    public string? Protocol { get; init; }

    /// <summary>The problems of these settings, each with its key below <c>NanoClaw:</c>.</summary>
    public IEnumerable<string> Problems()
    {
        if (Endpoint is not null)
        {
            if (
                !Uri.TryCreate(Endpoint, UriKind.Absolute, out var url)
                || url.Scheme is not ("http" or "https")
            )
                yield return $"Metrics:Otlp:Endpoint: must be an absolute http(s) URL, such as http://127.0.0.1:4317, not '{Endpoint}'";
            // Not echoed: the value holds a password.
            else if (!string.IsNullOrEmpty(url.UserInfo))
                yield return "Metrics:Otlp:Endpoint: must be an absolute http(s) URL without credentials (user:password@); give a collector's credentials as headers in OTEL_EXPORTER_OTLP_HEADERS";
        }
        if (Protocol is not (null or Grpc or HttpProtobuf))
            yield return $"Metrics:Otlp:Protocol: must be '{Grpc}' or '{HttpProtobuf}', not '{Protocol}'";
        if (Protocol is not null && Endpoint is null)
            yield return "Metrics:Otlp:Protocol: is set without NanoClaw:Metrics:Otlp:Endpoint; set the endpoint too, or use the standard OTEL_EXPORTER_OTLP_PROTOCOL";
    }
}
