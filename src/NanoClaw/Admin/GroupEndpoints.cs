using NanoClaw.Configuration;
using NanoClaw.Scheduling;

namespace NanoClaw.Admin;

/// <summary><c>/api/groups</c>: list groups; pause and resume a whole group.</summary>
internal static class GroupEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var groups = api.MapGroup("/groups");
        groups.MapGet("/", ListAsync);
        groups.MapPost(
            "/{name}/pause",
            (string name, TaskControl control, NanoClawOptions options, CancellationToken ct) =>
                SetPausedAsync(name, true, control, options, ct)
        );
        groups.MapPost(
            "/{name}/resume",
            (string name, TaskControl control, NanoClawOptions options, CancellationToken ct) =>
                SetPausedAsync(name, false, control, options, ct)
        );
    }

    /// <summary>Every group with the run it is running and how many firings wait for it.</summary>
    private static async Task<IResult> ListAsync(GroupListing listing, CancellationToken ct) =>
        Results.Ok(await listing.ReadAsync(ct));

    private static async Task<IResult> SetPausedAsync(
        string name,
        bool paused,
        TaskControl control,
        NanoClawOptions options,
        CancellationToken ct
    )
    {
        if (await control.FindGroupAsync(name, ct) is null)
            return ApiProblems.NotFound($"no group '{name}'");
        await control.SetGroupPausedAsync(name, paused, ct);
        return Results.Ok(
            (await GroupListing.ViewsAsync(control, options, ct)).Single(g => g.Name == name)
        );
    }
}
