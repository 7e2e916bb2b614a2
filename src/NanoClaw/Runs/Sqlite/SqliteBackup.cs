using System.Globalization;
using NanoClaw.Files;

namespace NanoClaw.Runs.Sqlite;

/// <summary>
/// Copies a store with SQLite's online backup API: a consistent snapshot even while the daemon
/// writes, which copying the file (and its WAL) by hand is not. Copies are created 0600 before the
/// first byte, like the store: they hold every run's output and task environment.
/// </summary>
internal static class SqliteBackup
{
    /// <summary>
    /// Copies <paramref name="sourceFile"/> into <paramref name="targetFile"/>, which must not exist.
    /// SQLite writes the copy in <paramref name="scratchDir"/> (the private data directory), and its
    /// bytes reach the target through the handle that created it: the target's folder may be one
    /// where someone else could swap the name for a link between creating it and writing it.
    /// </summary>
    public static async Task CopyAsync(
        string sourceFile,
        string targetFile,
        string scratchDir,
        CancellationToken cancellationToken = default
    )
    {
        var scratchFile = Path.Combine(scratchDir, $".copy-{Guid.NewGuid():N}.db");
        var target = new FileStream(
            targetFile,
            PrivateDataDirectory.PrivateCreation(FileMode.CreateNew)
        );
        try
        {
            await using (target)
            {
                new FileStream(
                    scratchFile,
                    PrivateDataDirectory.PrivateCreation(FileMode.CreateNew)
                ).Dispose();
                await BackUpAsync(sourceFile, scratchFile, cancellationToken);
                await using var scratch = new FileStream(
                    scratchFile,
                    FileMode.Open,
                    FileAccess.Read
                );
                await scratch.CopyToAsync(target, cancellationToken);
                target.Flush(flushToDisk: true);
            }
        }
        catch
        {
            File.Delete(targetFile);
            throw;
        }
        finally
        {
            foreach (var suffix in new[] { "", "-journal", "-wal", "-shm" })
                File.Delete(scratchFile + suffix);
        }
    }

    private static async Task BackUpAsync(
        string sourceFile,
        string scratchFile,
        CancellationToken cancellationToken
    )
    {
        await using var source = SqliteStoreInspector.OpenExisting(sourceFile);
        await using var copy = SqliteStoreInspector.OpenExisting(scratchFile);
        await source.OpenAsync(cancellationToken);
        await copy.OpenAsync(cancellationToken);
        source.BackupDatabase(copy);
        // A copy is one file: no WAL beside it to lose when it is moved or mailed.
        using var rollback = copy.CreateCommand();
        rollback.CommandText = "PRAGMA journal_mode = DELETE";
        await rollback.ExecuteNonQueryAsync(cancellationToken);
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
