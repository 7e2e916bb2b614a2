using NanoClaw.Cli;
using NanoClaw.Configuration;
using NanoClaw.Runs;
using NanoClaw.Runs.Sqlite;

namespace NanoClaw.Hosting;

/// <summary>
/// What the daemon checks of its store before anything is scheduled: the file is whole
/// (<c>PRAGMA quick_check</c>), is NanoClaw's, is not from a newer NanoClaw, and no other daemon
/// holds its lease. A refusal is one message saying what to do, with exit code 2 for a store that
/// cannot be used (a supervisor should not restart into it) and 1 for a store another daemon holds.
/// </summary>
internal static class StoreGate
{
    /// <summary>Checks the store and takes its lease. <c>existedBefore</c>: whether the file was there before this start; an empty file this start just created is a new store.</summary>
    public static async Task<(SqliteStoreLease? Lease, int ExitCode)> OpenAsync(
        NanoClawPaths paths,
        string nodeName,
        bool existedBefore,
        TextWriter error,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(error);
        if (existedBefore)
        {
            var report = await SqliteStoreInspector.InspectAsync(
                paths.DatabaseFile,
                integrity: true,
                cancellationToken
            );
            if (!report.IsUsable)
            {
                await error.WriteLineAsync(
                    "NanoClaw will not start; nothing was scheduled. " + StoreAdvice.Explain(report)
                );
                return (null, ExitCodes.Invalid);
            }
        }
        var connections = new SqliteConnectionFactory(paths.DatabaseFile);
        try
        {
            await new SqliteRunStore(connections).InitializeAsync(cancellationToken);
        }
        catch (StoreVersionException e)
        {
            await error.WriteLineAsync(
                $"NanoClaw will not start; nothing was scheduled: {e.Message}."
            );
            return (null, ExitCodes.Invalid);
        }
        var lease = new SqliteStoreLease(connections, nodeName);
        if (await lease.TryAcquireAsync(cancellationToken) is { } holder)
        {
            await error.WriteLineAsync(
                $"Another NanoClaw daemon holds the store {paths.DatabaseFile} ({holder.Describe(DateTimeOffset.UtcNow)}): one daemon per store. Stop it first; a daemon that died is taken over once its heartbeat is {SqliteStoreLease.StaleAfter.TotalSeconds:0}s old."
            );
            return (null, ExitCodes.Failed);
        }
        return (lease, ExitCodes.Ok);
    }
}
