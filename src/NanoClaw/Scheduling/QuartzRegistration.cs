using NanoClaw.Configuration;
using NanoClaw.Scheduling.Cron;
using Quartz;
using Quartz.Extensibility;

namespace NanoClaw.Scheduling;

internal static class QuartzRegistration
{
    public const string SchedulerName = "nanoclaw";

    /// <summary>
    /// Quartz on SQLite in the data directory: one thread per concurrent run, job data kept as
    /// strings (readable, version tolerant), a firing cut short by shutdown handed back for recovery.
    /// </summary>
    public static IServiceCollection AddNanoClawQuartz(
        this IServiceCollection services,
        NanoClawOptions options,
        NanoClawPaths paths
    )
    {
        var connectionString = $"Data Source={paths.DatabaseFile}";
        services.AddTransient<GroupJob>().AddSingleton<TriggerQuarantine>();
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = SchedulerName;
                s.InstanceId = options.NodeName;
                // Jobs still running once the drain period is over are asked to stop, then awaited.
                s.ShutdownJobInterruption = ShutdownJobInterruption.WhenWaitingForJobs;
            });
            q.UseDefaultThreadPool(options.MaxConcurrentRuns);
            q.AddQuartzHealthChecks();
            q.AddSchedulerListener<Retries.RetryCancelListener>();
            q.UsePersistentStore(store =>
            {
                // UseSqlite picks the SQL dialect; the provider opens connections with our pragmas.
                store.UseSqlite(connectionString);
                store.UseConnectionProvider(_ => new QuartzSqliteProvider(connectionString));
                store.ProvisionSchema();
                store.UseTriggerPersistenceDelegate<CrontabTriggerPersistence>();
                store.ConfigureStore(o =>
                {
                    o.MisfireThreshold = options.MisfireThreshold;
                    o.StoreJobDataAsStrings = true;
                    o.RecoverFiringsCancelledByShutdown = true;
                });
            });
        });
        DecorateSignaler(services, connectionString);
        services.AddSingleton(sp =>
            sp.GetRequiredService<ISchedulerFactory>()
                .GetScheduler()
                .AsTask()
                .GetAwaiter()
                .GetResult()
        );
        return services;
    }

    /// <summary>Wraps Quartz's own signaler, which its store is built with, in <see cref="DueTimeSignaler"/>.</summary>
    private static void DecorateSignaler(IServiceCollection services, string connectionString)
    {
        var original = services.Single(d =>
            d.ServiceType == typeof(ISchedulerSignaler) && !d.IsKeyedService
        );
        var create =
            original.ImplementationFactory
            ?? throw new InvalidOperationException(
                "Quartz registered its scheduler signaler in a way this version of NanoClaw does not know"
            );
        services.Remove(original);
        services.AddSingleton<ISchedulerSignaler>(sp => new DueTimeSignaler(
            (ISchedulerSignaler)create(sp),
            connectionString,
            SchedulerName,
            sp.GetRequiredService<ILogger<DueTimeSignaler>>()
        ));
    }
}
