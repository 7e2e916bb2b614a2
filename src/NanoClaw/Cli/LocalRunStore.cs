using NanoClaw.Runs;
using NanoClaw.Runs.Sqlite;

namespace NanoClaw.Cli;

/// <summary>
/// The run store read straight from the data directory, daemon running or not (SQLite in WAL mode
/// lets a reader in beside the daemon). A data directory that was never used simply has no runs.
/// </summary>
internal static class LocalRunStore
{
    public static async Task<IRunStore?> OpenAsync(
        LoadedSettings settings,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!File.Exists(settings.Paths.DatabaseFile))
            return null;
        var store = new SqliteRunStore(new SqliteConnectionFactory(settings.Paths.DatabaseFile));
        // Idempotent; covers a database Quartz created before the daemon got to our tables.
        await store.InitializeAsync(cancellationToken);
        return store;
    }
}
