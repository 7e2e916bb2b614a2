namespace NanoClaw.Runs.Sqlite;

/// <summary>Settings every connection to the shared database file gets, Quartz's and the run store's.</summary>
internal static class SqlitePragmas
{
    /// <remarks>
    /// <c>synchronous = NORMAL</c> in WAL mode syncs at checkpoints, not at every commit: a power cut may
    /// lose the last commits but never corrupts the file, and a lost "running" row or firing is what
    /// recovery already handles. The busy timeout absorbs the short write locks the two writers take in turn.
    /// </remarks>
    public const string PerConnection = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL;";

    /// <summary>The pragmas with the busy timeout cut to <paramref name="waitLimit"/> when one is set (<see cref="StoreWaitLimit"/>).</summary>
    public static string For(TimeSpan? waitLimit) =>
        waitLimit is { } limit
            ? $"PRAGMA busy_timeout = {(long)limit.TotalMilliseconds}; PRAGMA synchronous = NORMAL;"
            : PerConnection;
}
