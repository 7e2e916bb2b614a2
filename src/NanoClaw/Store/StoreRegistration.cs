using NanoClaw.Configuration;
using NanoClaw.Runs.Sqlite;
using NanoClaw.Store.Postgres;

namespace NanoClaw.Store;

internal static class StoreRegistration
{
    /// <summary>
    /// The database of <c>NanoClaw:Store:Provider</c> as <see cref="IStoreDatabase"/>, and as its
    /// concrete type (<see cref="SqliteConnectionFactory"/> or <see cref="PostgresDatabase"/>) for the
    /// stores written for one provider.
    /// </summary>
    public static IServiceCollection AddNanoClawStoreDatabase(
        this IServiceCollection services,
        NanoClawOptions options,
        NanoClawPaths paths
    )
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(paths);
        if (options.Store.Provider == StoreProvider.Postgres)
        {
            var database = new PostgresDatabase(
                options.Store.ConnectionString
                    ?? throw new InvalidOperationException(
                        "NanoClaw:Store:ConnectionString is required with Provider 'postgres'"
                    ),
                options.NodeName
            );
            return services.AddSingleton(database).AddSingleton<IStoreDatabase>(database);
        }
        var file = new SqliteConnectionFactory(paths.DatabaseFile);
        return services.AddSingleton(file).AddSingleton<IStoreDatabase>(file);
    }
}
