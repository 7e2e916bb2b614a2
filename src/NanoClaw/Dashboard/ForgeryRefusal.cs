using System.Net;

namespace NanoClaw.Dashboard;

/// <summary>
/// The answer to a post whose anti-forgery token is missing or wrong: always 400 with nothing
/// applied, said in the form the asker can show. A browser gets a page in the dashboard's layout
/// (the login form again, for a login), htmx a short fragment plus <see cref="ErrorHeader"/> that
/// <c>dashboard.js</c> shows, and any other client the JSON problem the API would give.
/// </summary>
internal static class ForgeryRefusal
{
    public const string Text =
        "This form expired or did not come from this dashboard; reload the page and try again.";

    /// <summary>Carries <see cref="Text"/> for htmx, which does not swap in an error response's body.</summary>
    public const string ErrorHeader = "X-NanoClaw-Error";

    public static async Task<IResult> ForAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var request = http.Request;
        if (request.Headers.ContainsKey("HX-Request"))
        {
            http.Response.Headers[ErrorHeader] = Text;
            return Results.Content(
                $"<p class=\"error\" role=\"alert\">{WebUtility.HtmlEncode(Text)}</p>",
                "text/html; charset=utf-8",
                statusCode: StatusCodes.Status400BadRequest
            );
        }
        if (!AcceptsHtml(request))
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: Text);
        if (request.Path.Equals("/login", StringComparison.OrdinalIgnoreCase))
        {
            var returnUrl = request.HasFormContentType
                ? (await request.ReadFormAsync(http.RequestAborted))["returnUrl"].ToString()
                : null;
            return LoginEndpoints.Form(
                http.RequestServices.GetRequiredService<Configuration.NanoClawOptions>(),
                returnUrl,
                Text,
                StatusCodes.Status400BadRequest
            );
        }
        return MessagePage.BadRequest(Text, "Form expired");
    }

    private static bool AcceptsHtml(HttpRequest request) =>
        request.Headers.Accept.Any(a =>
            a is not null && a.Contains("text/html", StringComparison.OrdinalIgnoreCase)
        );
}
