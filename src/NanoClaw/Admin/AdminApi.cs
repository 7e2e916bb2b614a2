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
    public static IServiceCollection AddNanoClawAdmin(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddSingleton<RunLookup>();
        services.ConfigureHttpJsonOptions(o =>
        {
            foreach (var converter in RunJson.Options.Converters)
                o.SerializerOptions.Converters.Add(converter);
        });
        return services;
    }

    public static void MapNanoClawAdmin(
        this WebApplication app,
        NanoClawOptions options,
        NanoClawPaths paths
    )
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(options);
        var token = AdminToken.EnsureForDaemon(options, paths);
        app.UseWhen(
            c => c.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal),
            api => api.UseMiddleware<BearerTokenMiddleware>(token)
        );
        var group = app.MapGroup("/api");
        TaskEndpoints.Map(group);
        GroupEndpoints.Map(group);
        ExecEndpoints.Map(group);
        RunEndpoints.Map(group);
        ReloadEndpoints.Map(group);
    }
}
