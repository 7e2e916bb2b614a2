using System.Net.Http.Headers;

namespace NanoClaw.Admin;

/// <summary>
/// Every request other than GET or HEAD must say <c>Content-Type: application/json</c>, with a body
/// or without. A web page can send a form, text or an empty POST to any address without asking
/// (a "simple" cross-site request); a JSON content type makes the browser ask first (a CORS
/// preflight), and this API never says yes to one. Runs after authentication, so strangers are
/// told only 401. The dashboard's form posts are exempt: they carry an anti-forgery token instead
/// (README, "Dashboard").
/// </summary>
internal sealed class JsonOnlyMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (
            HttpMethods.IsGet(request.Method)
            || HttpMethods.IsHead(request.Method)
            || IsJson(request.ContentType)
            || context.GetEndpoint()?.Metadata.GetMetadata<Dashboard.DashboardEndpoint>()
                is not null
        )
        {
            await next(context);
            return;
        }
        await ApiProblems.UnsupportedMediaType(request.ContentType).ExecuteAsync(context);
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && string.Equals(parsed.MediaType, "application/json", StringComparison.OrdinalIgnoreCase);
}
