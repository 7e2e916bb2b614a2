using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using NanoClaw.Configuration;
using NanoClaw.Dashboard.Components.Pages;

namespace NanoClaw.Dashboard;

/// <summary><c>/login</c> (the form and its post) and <c>/logout</c>.</summary>
internal static class LoginEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet(
                "/login",
                (string? returnUrl, NanoClawOptions options) => Form(options, returnUrl)
            )
            .AllowAnonymous()
            .WithMetadata(DashboardEndpoint.Instance);
        app.MapPost("/login", LoginAsync)
            .AllowAnonymous()
            .AddEndpointFilter(DashboardSetup.RequireAntiforgery)
            .WithMetadata(DashboardEndpoint.Instance);
        app.MapPost("/logout", (Delegate)LogoutAsync)
            .RequireAuthorization(DashboardAuth.ViewerPolicy)
            .AddEndpointFilter(DashboardSetup.RequireAntiforgery)
            .WithMetadata(DashboardEndpoint.Instance);
    }

    private static async Task<IResult> LoginAsync(
        HttpContext http,
        DashboardCredentials credentials,
        LoginThrottle throttle,
        NanoClawOptions options,
        CancellationToken ct
    )
    {
        var form = await http.Request.ReadFormAsync(ct);
        var returnUrl = LocalUrl.OrDefault(form["returnUrl"]);
        var address = http.Connection.RemoteIpAddress;
        if (throttle.TryBegin(address) is { } wait)
        {
            var seconds = (int)Math.Ceiling(wait.TotalSeconds);
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return Form(
                options,
                returnUrl,
                $"Too many failed logins from this address; try again in {seconds} s.",
                StatusCodes.Status429TooManyRequests
            );
        }
        string token = form["token"].ToString();
        string name = form["name"].ToString();
        string? role = null;
        if (token.Length > 0)
        {
            if (credentials.IsAdminToken(token))
            {
                role = DashboardRoles.Operator;
                name = "admin";
            }
        }
        else if (name.Length > 0)
            role = credentials.RoleOf(name, form["password"].ToString());
        if (role is null)
        {
            await throttle.FailedAsync(ct);
            return Form(
                options,
                returnUrl,
                token.Length == 0 && name.Length == 0
                    ? "Enter the admin token, or a name and password."
                    : "That token, or that name and password, is not right.",
                StatusCodes.Status401Unauthorized,
                token.Length > 0 ? null : name
            );
        }
        throttle.Succeeded(address);
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role)],
            DashboardAuth.Scheme
        );
        // A new session key on every login: a key planted before login is never the one used after.
        await http.SignInAsync(DashboardAuth.Scheme, new ClaimsPrincipal(identity));
        return Results.Redirect(returnUrl);
    }

    private static async Task<IResult> LogoutAsync(HttpContext http)
    {
        // Removes the session from the daemon's memory: the old cookie no longer opens anything.
        await http.SignOutAsync(DashboardAuth.Scheme);
        return Results.Redirect("/login");
    }

    public static RazorComponentResult<LoginPage> Form(
        NanoClawOptions options,
        string? returnUrl,
        string? error = null,
        int status = StatusCodes.Status200OK,
        string? name = null
    ) =>
        new(
            new
            {
                ReturnUrl = LocalUrl.OrDefault(returnUrl),
                Error = error,
                Name = name,
                HasUsers = options.Dashboard.Users is { Count: > 0 },
            }
        )
        {
            StatusCode = status,
        };
}
