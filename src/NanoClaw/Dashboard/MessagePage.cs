using Microsoft.AspNetCore.Http.HttpResults;
using NanoClaw.Dashboard.Components.Pages;

namespace NanoClaw.Dashboard;

/// <summary>A page that only says why an action could not be done, with the fitting status code.</summary>
internal static class MessagePage
{
    public static RazorComponentResult<Message> NotFound(string text) =>
        Make(text, StatusCodes.Status404NotFound);

    public static RazorComponentResult<Message> Conflict(string text) =>
        Make(text, StatusCodes.Status409Conflict);

    public static RazorComponentResult<Message> BadRequest(string text, string title) =>
        Make(text, StatusCodes.Status400BadRequest, title);

    private static RazorComponentResult<Message> Make(
        string text,
        int status,
        string title = "Not done"
    ) => new(new { Text = text, Title = title }) { StatusCode = status };
}
