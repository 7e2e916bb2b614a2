using System.Data.Common;
using NanoClaw.Configuration;
using NanoClaw.Runs;
using Npgsql;

namespace NanoClaw.Store.Postgres;

/// <summary>
/// The cluster's shared database, through one pooled Npgsql data source per process. The node's name
/// is the connection's application name, so <c>pg_stat_activity</c> shows which node holds what.
/// </summary>
public sealed class PostgresDatabase : IStoreDatabase, IAsyncDisposable
{
    private readonly NpgsqlDataSource _source;

    public PostgresDatabase(string connectionString, string nodeName)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.ApplicationName))
            builder.ApplicationName = $"nanoclaw {nodeName}";
        ConnectionString = builder.ConnectionString;
        _source = NpgsqlDataSource.Create(ConnectionString);
    }

    /// <summary>The connection string as used (with the application name); never log it, it may hold a password.</summary>
    public string ConnectionString { get; }

    public StoreProvider Provider => StoreProvider.Postgres;

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = await _source.OpenConnectionAsync(cancellationToken);
        if (StoreWaitLimit.Value is { } limit)
        {
            // A lock another node holds is waited for no longer than the caller may wait.
            await using var set = connection.CreateCommand();
            set.CommandText = $"SET lock_timeout = {Math.Max(1, (int)limit.TotalMilliseconds)}";
            await set.ExecuteNonQueryAsync(cancellationToken);
        }
        return connection;
    }

    async Task<DbConnection> IStoreDatabase.OpenConnectionAsync(
        CancellationToken cancellationToken
    ) => await OpenAsync(cancellationToken);

    public ValueTask DisposeAsync() => _source.DisposeAsync();
}
