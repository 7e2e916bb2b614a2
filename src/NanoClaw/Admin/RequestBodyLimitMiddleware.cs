using Microsoft.AspNetCore.Http.Features;

namespace NanoClaw.Admin;

/// <summary>
/// Caps every request body at <see cref="MaxBytes"/>: a declared larger one is refused before it is
/// read, a chunked one when reading passes the cap (Kestrel stops it there); either way a 413 problem.
/// </summary>
internal sealed class RequestBodyLimitMiddleware(RequestDelegate next)
{
    /// <summary>A task or an exec command is a few kilobytes; a megabyte leaves room and bounds memory.</summary>
    public const long MaxBytes = 1024 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.ContentLength > MaxBytes)
        {
            await ApiProblems.TooLarge(MaxBytes).ExecuteAsync(context);
            return;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = MaxBytes;
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException ex)
            when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge
                && !context.Response.HasStarted
            )
        {
            await ApiProblems.TooLarge(MaxBytes).ExecuteAsync(context);
        }
    }
}
