using System.Globalization;
using Microsoft.Data.Sqlite;
using NanoClaw.Files;

namespace NanoClaw.Runs.Sqlite;

/// <summary>
/// Copies a store with SQLite's online backup API: a consistent snapshot even while the daemon
/// writes, which copying the file (and its WAL) by hand is not. Copies are created 0600 before the
/// first byte, like the store: they hold every run's output and task environment.
/// </summary>
internal static class SqliteBackup
{
    /// <summary>Copies <paramref name="sourceFile"/> into <paramref name="targetFile"/>, which must not exist.</summary>
    public static async Task CopyAsync(
        string sourceFile,
        string targetFile,
        CancellationToken cancellationToken = default
    )
    {
        new FileStream(
            targetFile,
            PrivateDataDirectory.PrivateCreation(FileMode.CreateNew)
        ).Dispose();
        try
        {
            await using var source = SqliteStoreInspector.OpenExisting(sourceFile);
            await using var target = SqliteStoreInspector.OpenExisting(targetFile);
            await source.OpenAsync(cancellationToken);
            await target.OpenAsync(cancellationToken);
            source.BackupDatabase(target);
            // A copy is one file: no WAL beside it to lose when it is moved or mailed.
            using var rollback = target.CreateCommand();
            rollback.CommandText = "PRAGMA journal_mode = DELETE";
            await rollback.ExecuteNonQueryAsync(cancellationToken);
        }
        catch
        {
            File.Delete(targetFile);
            throw;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }
    }

    /// <summary>
    /// Moves the store and its WAL aside under one new name (SQLite finds a moved file's WAL by that
    /// name), so a replaced store can still be opened and nothing is lost by a restore.
    /// </summary>
    public static string? MoveAside(string databaseFile)
    {
        if (!File.Exists(databaseFile))
            return null;
        var aside =
            databaseFile
            + ".replaced-"
            + DateTimeOffset.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        File.Move(databaseFile, aside);
        foreach (var suffix in new[] { "-wal", "-journal" })
            if (File.Exists(databaseFile + suffix))
                File.Move(databaseFile + suffix, aside + suffix);
        File.Delete(databaseFile + "-shm");
        return aside;
    }
}
