using Microsoft.Data.Sqlite;
using NanoClaw.Runs;
using NanoClaw.Runs.Sqlite;

namespace NanoClaw.Cli;

/// <summary>
/// The run store read straight from the data directory, daemon running or not (SQLite in WAL mode
/// lets a reader in beside the daemon). Reading never writes: a missing store stays missing (no
/// runs yet), and a store that cannot be read is reported with what to do, exit code 2.
/// </summary>
internal static class LocalRunStore
{
    /// <summary>Runs <c>read</c> on the store, or on null when there is none yet; reports a store that cannot be read.</summary>
    public static async Task<int> ReadAsync(
        LoadedSettings settings,
        Func<IRunStore?, Task<int>> read,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(read);
        var file = settings.Paths.DatabaseFile;
        var report = await SqliteStoreInspector.InspectAsync(
            file,
            integrity: false,
            cancellationToken
        );
        if (report.State == StoreState.Missing)
        {
            await Console.Error.WriteLineAsync(StoreAdvice.Explain(report));
            return await read(null);
        }
        if (!report.IsUsable)
            return await ReportAsync(report);
        try
        {
            return await read(new SqliteRunStore(new SqliteConnectionFactory(file)));
        }
        catch (SqliteException e) when (report.Version < SqliteSchema.Version)
        {
            // Not damage: the store predates this NanoClaw and is upgraded when its daemon starts.
            await Console.Error.WriteLineAsync(
                $"The store {file} was written by an older NanoClaw (schema version {report.Version}; this one reads {SqliteSchema.Version}): restart the daemon with this version, which upgrades it, then try again. ({e.Message})"
            );
            return ExitCodes.Invalid;
        }
        catch (SqliteException e)
        {
            return await ReportAsync(
                report with
                {
                    State = StoreState.Damaged,
                    Problem = "SQLite could not read it: " + e.Message,
                }
            );
        }
    }

    private static async Task<int> ReportAsync(StoreReport report)
    {
        await Console.Error.WriteLineAsync(StoreAdvice.Explain(report));
        return ExitCodes.Invalid;
    }
}
