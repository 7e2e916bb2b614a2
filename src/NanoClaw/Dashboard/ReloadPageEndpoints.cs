using Microsoft.AspNetCore.Http.HttpResults;
using NanoClaw.Dashboard.Components.Pages;
using NanoClaw.Scheduling;

namespace NanoClaw.Dashboard;

/// <summary>
/// <c>POST /reload</c> (operator and anti-forgery token): applies the jobs file now, as
/// <c>nanoclaw reload</c> and <c>POST /api/reload</c> do; an invalid file changes nothing and the
/// page lists every problem.
/// </summary>
internal static class ReloadPageEndpoints
{
    public static void Map(WebApplication app) =>
        app.MapPost("/reload", ReloadAsync)
            .RequireAuthorization(DashboardAuth.OperatorPolicy)
            .AddEndpointFilter(DashboardSetup.RequireAntiforgery)
            .WithMetadata(DashboardEndpoint.Instance);

    private static async Task<RazorComponentResult<ReloadPage>> ReloadAsync(
        JobsReloader reloader,
        CancellationToken ct
    )
    {
        var result = await reloader.ReloadAsync(ct);
        if (result.Summary is { } s)
            return new RazorComponentResult<ReloadPage>(
                new
                {
                    Summary = $"The jobs file was applied: {s.Added} task(s) added, {s.Changed} changed, {s.Removed} removed, {s.Unchanged} unchanged.",
                }
            );
        return new RazorComponentResult<ReloadPage>(
            new { Problems = result.Problems.Select(p => p.ToString()).ToList() }
        )
        {
            StatusCode = StatusCodes.Status422UnprocessableEntity,
        };
    }
}
