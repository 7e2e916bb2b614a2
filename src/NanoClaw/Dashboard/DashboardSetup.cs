using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using NanoClaw.Configuration;
using NanoClaw.Dashboard.Components;

namespace NanoClaw.Dashboard;

/// <summary>
/// The dashboard: server-rendered Razor components at <c>/</c>, beside the admin API (README,
/// "Dashboard"). Served only when both <c>Admin:Enabled</c> and <c>Dashboard:Enabled</c> are true.
/// Its cookie authenticates dashboard pages only, and the API's bearer token never does.
/// </summary>
internal static class DashboardSetup
{
    public static bool IsServed(NanoClawOptions options) =>
        options.Admin.Enabled && options.Dashboard.Enabled;

    public static IServiceCollection AddNanoClawDashboard(
        this IServiceCollection services,
        NanoClawOptions options
    )
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!IsServed(options))
            return services;
        // Sessions live in memory and die with the daemon; so may the keys that sign cookies and
        // anti-forgery tokens, which then need no folder of their own.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddRazorComponents();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<DashboardSessions>();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<DashboardCredentials>();
        services.AddSingleton<NanoClaw.Admin.TaskListing>();
        services.AddSingleton<NanoClaw.Admin.TaskDetails>();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = DashboardAuth.AntiforgeryCookieName;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.FormFieldName = "__RequestVerificationToken";
            o.HeaderName = DashboardAuth.AntiforgeryHeader;
        });
        services
            .AddAuthentication()
            .AddCookie(
                DashboardAuth.Scheme,
                o =>
                {
                    o.Cookie.Name = DashboardAuth.CookieName;
                    o.Cookie.HttpOnly = true;
                    o.Cookie.SameSite = SameSiteMode.Strict;
                    o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                    o.Cookie.Path = "/";
                    o.ExpireTimeSpan = options.Dashboard.SessionLifetime;
                    o.SlidingExpiration = true;
                    o.LoginPath = "/login";
                    o.LogoutPath = "/logout";
                    o.ReturnUrlParameter = "returnUrl";
                    o.Events.OnRedirectToAccessDenied = context =>
                    {
                        // A viewer's post is refused outright, not sent to a page that does not exist.
                        context.Response.StatusCode = StatusCodes.Status403Forbidden;
                        return Task.CompletedTask;
                    };
                    o.Events.OnRedirectToLogin = context =>
                    {
                        // Only a page is sent to the login form; a post without a session is refused.
                        if (HttpMethods.IsGet(context.Request.Method))
                            context.Response.Redirect(context.RedirectUri);
                        else
                            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                        return Task.CompletedTask;
                    };
                }
            );
        services
            .AddOptions<CookieAuthenticationOptions>(DashboardAuth.Scheme)
            .Configure<DashboardSessions>((o, sessions) => o.SessionStore = sessions);
        services.AddAuthorization(o =>
        {
            o.AddPolicy(
                DashboardAuth.ViewerPolicy,
                p =>
                    p.AddAuthenticationSchemes(DashboardAuth.Scheme)
                        .RequireAuthenticatedUser()
                        .RequireRole(DashboardRoles.Operator, DashboardRoles.Viewer)
            );
            o.AddPolicy(
                DashboardAuth.OperatorPolicy,
                p =>
                    p.AddAuthenticationSchemes(DashboardAuth.Scheme)
                        .RequireAuthenticatedUser()
                        .RequireRole(DashboardRoles.Operator)
            );
        });
        return services;
    }

    /// <summary>After authorization: anti-forgery checks and the dashboard's response headers.</summary>
    public static void UseNanoClawDashboard(WebApplication app, NanoClawOptions options)
    {
        if (!IsServed(options))
            return;
        app.UseAntiforgery();
        app.UseMiddleware<DashboardHeadersMiddleware>();
        app.UseMiddleware<RunPageNotFoundMiddleware>();
    }

    public static void MapNanoClawDashboard(this WebApplication app, NanoClawOptions options)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(options);
        if (!IsServed(options))
            return;
        app.MapRazorComponents<App>()
            .RequireAuthorization(DashboardAuth.ViewerPolicy)
            .WithMetadata(DashboardEndpoint.Instance);
        DashboardAssets.Map(app);
        LoginEndpoints.Map(app);
        ActionEndpoints.Map(app);
        RunPageEndpoints.Map(app);
        TaskFormEndpoints.Map(app);
        ExecPageEndpoints.Map(app);
        ReloadPageEndpoints.Map(app);
    }

    /// <summary>
    /// An endpoint filter for every dashboard post: the anti-forgery token must be valid (400 if
    /// not). The operator policy has already been checked by then.
    /// </summary>
    public static async ValueTask<object?> RequireAntiforgery(
        EndpointFilterInvocationContext context,
        EndpointFilterDelegate next
    )
    {
        var antiforgery = context.HttpContext.RequestServices.GetRequiredService<IAntiforgery>();
        if (!await antiforgery.IsRequestValidAsync(context.HttpContext))
            return await ForgeryRefusal.ForAsync(context.HttpContext);
        return await next(context);
    }
}
