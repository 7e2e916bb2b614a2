using System.Data.Common;
using NanoClaw.Configuration;

namespace NanoClaw.Store;

/// <summary>
/// The database every store of this node reads and writes, Quartz's tables beside ours: the SQLite
/// file in the data directory, or the PostgreSQL database the cluster shares. Stores whose SQL differs
/// between the two have one implementation each behind their own interface; see README, "Running a
/// cluster".
/// </summary>
public interface IStoreDatabase
{
    StoreProvider Provider { get; }

    /// <summary>An open connection, honouring <see cref="Runs.StoreWaitLimit"/> where the provider can.</summary>
    Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default);
}
