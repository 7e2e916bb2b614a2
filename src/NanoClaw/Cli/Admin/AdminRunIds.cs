using NanoClaw.Runs;

namespace NanoClaw.Cli.Admin;

/// <summary>
/// <see cref="RunIds"/> through the admin API, for commands that talk to the daemon (<c>logs</c>,
/// <c>cancel</c>). An id the history does not have yet is passed on as typed: the daemon knows
/// runs that are queued but could not be recorded, and says so itself when it does not.
/// </summary>
internal static class AdminRunIds
{
    public static async Task<RunIds.Resolution> ResolveAsync(
        AdminClient client,
        string input,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(client);
        var resolution = await RunIds.ResolveAsync(
            input,
            async (prefix, limit) =>
                await client.GetAsync<List<RunRecord>>(
                    $"api/runs?idPrefix={Uri.EscapeDataString(prefix)}&limit={limit}",
                    cancellationToken
                )
        );
        return resolution.ExitCode == ExitCodes.Failed
            ? new RunIds.Resolution(input, ExitCodes.Ok, null)
            : resolution;
    }

    /// <summary>Resolves, or prints why not and gives the exit code.</summary>
    public static async Task<(string? Id, int ExitCode)> ResolveOrReportAsync(
        AdminClient client,
        string input,
        CancellationToken cancellationToken
    )
    {
        var resolution = await ResolveAsync(client, input, cancellationToken);
        if (resolution.Id is null)
            await Console.Error.WriteLineAsync(resolution.Message);
        return (resolution.Id, resolution.ExitCode);
    }
}
