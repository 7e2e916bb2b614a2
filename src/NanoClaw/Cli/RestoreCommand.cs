using System.CommandLine;
using Microsoft.Data.Sqlite;
using NanoClaw.Hosting;
using NanoClaw.Runs.Sqlite;

namespace NanoClaw.Cli;

/// <summary>
/// <c>nanoclaw restore FILE</c>: puts a backup in the store's place while no daemon runs. The
/// backup is checked first, the daemon lock is held throughout so no daemon starts halfway, and the
/// replaced store is kept aside, never deleted.
/// </summary>
internal static class RestoreCommand
{
    public static Command Create(CliContext context)
    {
        var source = new Argument<string>("FILE")
        {
            Description = "A backup made by 'nanoclaw backup'.",
        };
        var command = new Command(
            "restore",
            "Replace the store with a backup; the daemon must be stopped. The replaced store is kept aside."
        )
        {
            source,
        };
        command.SetAction(
            async (parse, cancellationToken) =>
            {
                var settings = context.LoadOrReport(Console.Error);
                if (settings is null)
                    return ExitCodes.Invalid;
                var paths = settings.Paths;
                var backupFile = Path.GetFullPath(parse.GetRequiredValue(source));
                if (backupFile == paths.DatabaseFile)
                {
                    await Console.Error.WriteLineAsync(
                        $"{backupFile} is the store itself: name a backup made by 'nanoclaw backup'. Nothing was changed."
                    );
                    return ExitCodes.Invalid;
                }
                var backup = await SqliteStoreInspector.InspectAsync(
                    backupFile,
                    integrity: true,
                    cancellationToken
                );
                if (backup.State != StoreState.Healthy)
                {
                    await Console.Error.WriteLineAsync(
                        backup.State == StoreState.Missing
                            ? $"No backup at {backupFile}. Nothing was changed."
                            : "Nothing was changed: the backup cannot be used. "
                                + StoreAdvice.Explain(backup)
                    );
                    return ExitCodes.Failed;
                }
                using var daemonLock = DaemonLock.TryAcquire(paths, out var holder);
                if (daemonLock is null)
                    return await RefuseAsync(paths.DataDir, $"pid {holder ?? "unknown"}");
                if (
                    await LiveLeaseAsync(
                        paths.DatabaseFile,
                        settings.Options.NodeName,
                        cancellationToken
                    ) is
                    { } live
                )
                    return await RefuseAsync(paths.DataDir, live);
                SqliteConnection.ClearAllPools();
                var aside = SqliteBackup.MoveAside(paths.DatabaseFile);
                try
                {
                    await SqliteBackup.CopyAsync(
                        backupFile,
                        paths.DatabaseFile,
                        paths.DataDir,
                        cancellationToken
                    );
                }
                catch (Exception e)
                    when (e is SqliteException or IOException or UnauthorizedAccessException)
                {
                    await Console.Error.WriteLineAsync(
                        $"The restore failed: {e.Message}. The previous store is kept as {aside ?? "(there was none)"}; move it back to {paths.DatabaseFile} to undo."
                    );
                    return ExitCodes.Failed;
                }
                Console.WriteLine(
                    $"Restored {backupFile} into {paths.DatabaseFile} ({backup.Counts.GetValueOrDefault("nanoclaw_runs")} runs)."
                        + (aside is null ? "" : $" The replaced store is kept as {aside}.")
                );
                return ExitCodes.Ok;
            }
        );
        return command;
    }

    private static async Task<int> RefuseAsync(string dataDir, string holder)
    {
        await Console.Error.WriteLineAsync(
            $"A NanoClaw daemon ({holder}) is running on {dataDir}: stop it before restoring. Nothing was changed."
        );
        return ExitCodes.Failed;
    }

    /// <summary>The lock file can be gone while a daemon runs; its lease in the store still says so.</summary>
    private static async Task<string?> LiveLeaseAsync(
        string databaseFile,
        string nodeName,
        CancellationToken cancellationToken
    )
    {
        if (!File.Exists(databaseFile))
            return null;
        try
        {
            var lease = new SqliteStoreLease(new SqliteConnectionFactory(databaseFile), nodeName);
            var holder = await lease.ReadHolderAsync(cancellationToken);
            var now = DateTimeOffset.UtcNow;
            return holder is not null && lease.IsLive(holder, now) ? holder.Describe(now) : null;
        }
        catch (SqliteException)
        {
            // A damaged store, or one without a lease table: no daemon can be working on it.
            return null;
        }
    }
}
