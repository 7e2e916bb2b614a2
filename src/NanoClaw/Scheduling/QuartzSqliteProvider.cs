using System.Data.Common;
using Microsoft.Data.Sqlite;
using NanoClaw.Runs;
using NanoClaw.Runs.Sqlite;
using Quartz.Impl.AdoJobStore.Common;

namespace NanoClaw.Scheduling;

/// <summary>
/// Quartz's connections to the shared SQLite file, set up as the run store's are. Quartz's own SQLite
/// driver leaves each connection at SQLite's defaults, where every commit in WAL mode waits for an
/// fsync (<c>synchronous = FULL</c>); a firing is several commits, so that wait is most of its cost.
/// </summary>
internal sealed class QuartzSqliteProvider(string connectionString) : IDbProvider
{
    private readonly DbProvider _driver = new("SQLite-Microsoft", connectionString);

    public string ConnectionString => connectionString;

    public DbMetadata Metadata => _driver.Metadata;

    public DbCommand CreateCommand() => _driver.CreateCommand();

    public DbConnection CreateConnection() => new TunedConnection(connectionString);

    public void Shutdown() => _driver.Shutdown();

    private sealed class TunedConnection(string connectionString)
        : SqliteConnection(connectionString)
    {
        public override void Open()
        {
            // An admin call that reaches Quartz (a trigger, an ad-hoc run) waits no longer than the call may.
            var limit = StoreWaitLimit.Value;
            if (limit is { } wait)
                DefaultTimeout = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            base.Open();
            using var pragma = CreateCommand();
            pragma.CommandText = SqlitePragmas.For(limit);
            pragma.ExecuteNonQuery();
        }
    }
}
