namespace NanoClaw.Configuration;

/// <summary><c>NanoClaw:Store</c>: where the schedule and every record of this node live.</summary>
public sealed class StoreOptions
{
    /// <summary><c>sqlite</c>: one file in the data directory, one node. <c>postgres</c>: a shared database, several nodes.</summary>
    public StoreProvider Provider { get; init; } = StoreProvider.Sqlite;

    /// <summary>The PostgreSQL connection string (Npgsql format); required with <c>postgres</c>, refused with <c>sqlite</c>.</summary>
    public string? ConnectionString { get; init; }
}
