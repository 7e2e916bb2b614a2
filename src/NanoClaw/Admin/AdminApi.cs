using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using NanoClaw.Configuration;
using NanoClaw.Runs;

namespace NanoClaw.Admin;

/// <summary>
/// The admin API under <c>/api</c>, behind the bearer token. Quartz's own HTTP API
/// (Quartz.AspNetCore) is not exposed: it would let callers bypass the group and task rules this
/// API enforces (a job per group, file tasks owned by the jobs file).
/// </summary>
internal static class AdminApi
{
    public static IServiceCollection AddNanoClawAdmin(
        this IServiceCollection services,
        NanoClawOptions options,
        NanoClawPaths paths
    )
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddProblemDetails();
        services.AddSingleton<RunLookup>();
        services.AddSingleton<GroupListing>();
        services.AddSingleton<StatusReader>();
        services.AddSingleton<RunCancellation>();
        services.AddSingleton<TaskEditing>();
        services.AddSingleton<AdHocRuns>();
        services.AddSingleton(sp => new RunActivity(
            sp.GetRequiredService<IRunStore>(),
            TimeProvider.System
        ));
        services.ConfigureHttpJsonOptions(o =>
        {
            foreach (var converter in RunJson.Options.Converters)
                o.SerializerOptions.Converters.Add(converter);
        });
        if (!options.Admin.Enabled)
            return services;
        var digest = SHA256.HashData(
            Encoding.UTF8.GetBytes(AdminToken.EnsureForDaemon(options, paths))
        );
        services.AddSingleton(new AdminTokenDigest(digest));
        services
            .AddAuthentication(AdminBearerHandler.SchemeName)
            .AddScheme<AdminBearerOptions, AdminBearerHandler>(
                AdminBearerHandler.SchemeName,
                o => o.TokenDigest = digest
            );
        var tokenHolder = new AuthorizationPolicyBuilder(AdminBearerHandler.SchemeName)
            .RequireAuthenticatedUser()
            .Build();
        services.AddAuthorization(o =>
        {
            o.DefaultPolicy = tokenHolder;
            // Whatever no endpoint claims (an unknown path, any spelling of one, a method a route
            // does not take) needs the token too: only /healthz is open, and it says so.
            o.FallbackPolicy = tokenHolder;
        });
        return services;
    }

    /// <summary>
    /// The request pipeline, in this order: the Host allow-list, the body cap, the store's wait limits
    /// and fault answers, routing, then the token (decided on the endpoint routing chose), then
    /// JSON-only for anything but GET.
    /// No CORS middleware is added: no answer ever carries <c>Access-Control-Allow-*</c>.
    /// </summary>
    public static void UseNanoClawAdmin(this WebApplication app, NanoClawOptions options)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(options);
        app.UseMiddleware<AllowedHostsMiddleware>(AllowedHosts.From(options.Admin));
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        // Before routing: /healthz, whose Quartz check reads the store, must answer too.
        app.UseMiddleware<StoreFaultMiddleware>();
        app.UseRouting();
        if (!options.Admin.Enabled)
            return;
        app.UseAuthentication();
        app.UseAuthorization();
        Dashboard.DashboardSetup.UseNanoClawDashboard(app, options);
        app.UseMiddleware<JsonOnlyMiddleware>();
    }

    public static void MapNanoClawAdmin(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("/api").RequireAuthorization();
        TaskEndpoints.Map(group);
        GroupEndpoints.Map(group);
        ExecEndpoints.Map(group);
        RunEndpoints.Map(group);
        ReloadEndpoints.Map(group);
        StatusEndpoints.Map(group);
    }
}
