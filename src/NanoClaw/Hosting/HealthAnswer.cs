using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace NanoClaw.Hosting;

/// <summary>
/// <c>/healthz</c>'s answer: 200 when healthy, 503 when degraded or unhealthy, with a JSON body that
/// names every check that is not healthy and why.
/// </summary>
internal static class HealthAnswer
{
    public static HealthCheckOptions Options { get; } =
        new()
        {
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
            ResponseWriter = WriteAsync,
        };

    private static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString().ToLowerInvariant());
        json.WriteStartArray("reasons");
        foreach (var (name, entry) in report.Entries)
            if (entry.Status != HealthStatus.Healthy)
                json.WriteStringValue(
                    $"{name}: {entry.Description ?? entry.Exception?.Message ?? entry.Status.ToString()}"
                );
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
