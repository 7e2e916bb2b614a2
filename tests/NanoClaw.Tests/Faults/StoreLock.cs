using Microsoft.Data.Sqlite;

namespace NanoClaw.Tests.Faults;

/// <summary>Another process's hold on the database: an open <c>BEGIN EXCLUSIVE</c> transaction, until disposed.</summary>
internal sealed class StoreLock : IDisposable
{
    private readonly SqliteConnection _connection;

    private StoreLock(SqliteConnection connection) => _connection = connection;

    public static StoreLock Take(string databaseFile)
    {
        var connection = new SqliteConnection(
            new SqliteConnectionStringBuilder
            {
                DataSource = databaseFile,
                Pooling = false,
                DefaultTimeout = 30,
            }.ToString()
        );
        connection.Open();
        using var begin = connection.CreateCommand();
        begin.CommandText = "PRAGMA busy_timeout = 30000; BEGIN EXCLUSIVE;";
        begin.ExecuteNonQuery();
        return new StoreLock(connection);
    }

    public void Dispose()
    {
        using (var rollback = _connection.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK;";
            rollback.ExecuteNonQuery();
        }
        _connection.Dispose();
    }
}
