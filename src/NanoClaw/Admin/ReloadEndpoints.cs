using NanoClaw.Scheduling;

namespace NanoClaw.Admin;

/// <summary><c>POST /api/reload</c>: apply the jobs file now; an invalid file changes nothing.</summary>
internal static class ReloadEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost(
            "/reload",
            async (JobsReloader reloader, CancellationToken ct) =>
            {
                var result = await reloader.ReloadAsync(ct);
                return result.Summary is { } summary
                    ? Results.Ok(summary)
                    : ApiProblems.Invalid(
                        "The jobs file is not valid; nothing was changed",
                        result.Problems
                    );
            }
        );
}
