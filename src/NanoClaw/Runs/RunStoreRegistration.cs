using NanoClaw.Configuration;
using NanoClaw.Runs.Sqlite;

namespace NanoClaw.Runs;

internal static class RunStoreRegistration
{
    public static IServiceCollection AddNanoClawRunStore(
        this IServiceCollection services,
        NanoClawPaths paths
    ) =>
        services
            .AddSingleton<IRunStore, SqliteRunStore>()
            .AddSingleton(new StoreHealth(paths.DatabaseFile))
            .AddSingleton(new HeldRecords(paths.HeldRunsDir));
}
