namespace NanoClaw.Dashboard;

/// <summary>
/// Headers on every dashboard answer: no framing by another site (clickjacking), scripts, styles
/// and form targets from this origin only, no caching of pages that show private state.
/// </summary>
internal sealed class DashboardHeadersMiddleware(RequestDelegate next)
{
    private const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.GetEndpoint()?.Metadata.GetMetadata<DashboardEndpoint>() is not null)
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = Policy;
            headers.XFrameOptions = "DENY";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            if (
                !context.Request.Path.StartsWithSegments(
                    "/assets",
                    StringComparison.OrdinalIgnoreCase
                )
            )
                headers.CacheControl = "no-store";
        }
        return next(context);
    }
}
