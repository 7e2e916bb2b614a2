using System.Data.Common;
using Microsoft.Data.Sqlite;
using NanoClaw.Configuration;
using NanoClaw.Store;

namespace NanoClaw.Runs.Sqlite;

/// <summary>
/// Opens connections to the one database file Quartz and the run store share. WAL lets readers
/// (the CLI, the admin API) work while the scheduler writes; see <see cref="SqlitePragmas"/>.
/// </summary>
internal sealed class SqliteConnectionFactory(string databaseFile) : IStoreDatabase
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = databaseFile,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    public string DatabaseFile { get; } = databaseFile;

    public StoreProvider Provider => StoreProvider.Sqlite;

    async Task<DbConnection> IStoreDatabase.OpenConnectionAsync(
        CancellationToken cancellationToken
    ) => await OpenAsync(cancellationToken);

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(_connectionString);
        var limit = StoreWaitLimit.Value;
        if (limit is { } wait)
            connection.DefaultTimeout = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        await connection.OpenAsync(cancellationToken);
        using var pragma = connection.CreateCommand();
        pragma.CommandText = SqlitePragmas.For(limit);
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }
}
