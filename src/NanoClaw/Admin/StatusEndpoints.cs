namespace NanoClaw.Admin;

/// <summary><c>GET /api/status</c>: node, version, uptime, store, counts, failing tasks, last failures.</summary>
internal static class StatusEndpoints
{
    public static void Map(RouteGroupBuilder api) => api.MapGet("/status", StatusAsync);

    private static async Task<IResult> StatusAsync(StatusReader status, CancellationToken ct) =>
        Results.Ok(await status.ReadAsync(ct));
}
