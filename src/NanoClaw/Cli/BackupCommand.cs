using System.CommandLine;
using Microsoft.Data.Sqlite;
using NanoClaw.Runs.Sqlite;

namespace NanoClaw.Cli;

/// <summary><c>nanoclaw backup FILE</c>: a consistent copy of the store, safe while the daemon runs.</summary>
internal static class BackupCommand
{
    public static Command Create(CliContext context)
    {
        var target = new Argument<string>("FILE")
        {
            Description = "Where to write the backup; must not exist yet.",
        };
        var command = new Command(
            "backup",
            "Copy the store to FILE (created 0600), safely while the daemon runs."
        )
        {
            target,
        };
        command.SetAction(
            async (parse, cancellationToken) =>
            {
                var settings = context.LoadOrReport(Console.Error);
                if (settings is null)
                    return ExitCodes.Invalid;
                var file = settings.Paths.DatabaseFile;
                var targetFile = Path.GetFullPath(parse.GetRequiredValue(target));
                if (File.Exists(targetFile) || Directory.Exists(targetFile))
                {
                    await Console.Error.WriteLineAsync(
                        $"{targetFile} already exists: choose a new name, a backup never overwrites a file."
                    );
                    return ExitCodes.Invalid;
                }
                var report = await SqliteStoreInspector.InspectAsync(
                    file,
                    integrity: false,
                    cancellationToken
                );
                if (report.State != StoreState.Healthy)
                {
                    await Console.Error.WriteLineAsync(
                        "Nothing was backed up. " + StoreAdvice.Explain(report)
                    );
                    return ExitCodes.Failed;
                }
                try
                {
                    await SqliteBackup.CopyAsync(
                        file,
                        targetFile,
                        settings.Paths.DataDir,
                        cancellationToken
                    );
                }
                catch (Exception e)
                    when (e is SqliteException or IOException or UnauthorizedAccessException)
                {
                    await Console.Error.WriteLineAsync(
                        $"The backup to {targetFile} failed: {e.Message}. Nothing was left behind; 'nanoclaw store check' tells whether the store is damaged."
                    );
                    return ExitCodes.Failed;
                }
                var copy = await SqliteStoreInspector.InspectAsync(
                    targetFile,
                    integrity: true,
                    cancellationToken
                );
                if (copy.State != StoreState.Healthy)
                {
                    File.Delete(targetFile);
                    await Console.Error.WriteLineAsync(
                        "The backup failed its own check and was removed. "
                            + StoreAdvice.Explain(copy)
                    );
                    return ExitCodes.Failed;
                }
                Console.WriteLine(
                    $"Backed up {file} to {targetFile} ({copy.Counts.GetValueOrDefault("nanoclaw_runs")} runs). Restore it with 'nanoclaw restore {targetFile}' while the daemon is stopped."
                );
                return ExitCodes.Ok;
            }
        );
        return command;
    }
}
