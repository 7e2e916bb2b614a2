namespace NanoClaw.Configuration;

/// <summary>The database behind Quartz and every store of ours (README, "Running a cluster").</summary>
public enum StoreProvider
{
    /// <summary>The embedded default: one SQLite file in the data directory, one node at a time.</summary>
    Sqlite,

    /// <summary>A shared PostgreSQL database: Quartz clustering, several nodes.</summary>
    Postgres,
}
