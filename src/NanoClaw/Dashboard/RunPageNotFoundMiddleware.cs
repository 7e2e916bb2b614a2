using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Components.Endpoints;
using NanoClaw.Admin;
using NanoClaw.Dashboard.Components.Pages;

namespace NanoClaw.Dashboard;

/// <summary>
/// Answers 404 for the page of a run that does not exist, before the page renders: a Razor page
/// that sets 404 itself has its body dropped in static rendering (the framework expects to
/// re-execute the request for a not-found page), which would leave the browser an empty answer.
/// </summary>
internal sealed class RunPageNotFoundMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, RunLookup lookup)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (
            HttpMethods.IsGet(context.Request.Method)
            && context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>()?.Type
                == typeof(Run)
            && context.Request.RouteValues["id"] is string id
            && !await ExistsAsync(id, lookup, context.RequestAborted)
        )
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(Page(id), context.RequestAborted);
            return;
        }
        await next(context);
    }

    private static async Task<bool> ExistsAsync(
        string id,
        RunLookup lookup,
        CancellationToken ct
    ) =>
        RunIds.IsPlausible(id)
        && (await lookup.FindAsync(id, ct)) is { Record: not null } or { IsQueued: true };

    private static string Page(string id) =>
        $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <title>No such run · NanoClaw</title>
            <link rel="stylesheet" href="{DashboardAssets.Url("dashboard.css")}" />
            </head>
            <body>
            <main id="main">
            <h1>No such run</h1>
            <p class="error" role="alert">There is no run '{HtmlEncoder.Default.Encode(id)}'.</p>
            <p><a href="/runs">All runs</a></p>
            </main>
            </body>
            </html>
            """;
}
