using NanoClaw.Admin;
using NanoClaw.Agents.Ipc;
using NanoClaw.Cli;
using NanoClaw.Configuration;
using NanoClaw.Dashboard;
using NanoClaw.Execution;
using NanoClaw.Files;
using NanoClaw.Jobs;
using NanoClaw.Notifications;
using NanoClaw.Runners;
using NanoClaw.Runs;
using NanoClaw.Scheduling;
using NanoClaw.Store;
using NanoClaw.Telemetry;

namespace NanoClaw.Hosting;

/// <summary>The daemon: the scheduler, its runners and run store, and the admin API, in one web host.</summary>
internal static class DaemonHost
{
    public static async Task<int> RunAsync(LoadedSettings settings, JobsFile jobsFile)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var (configuration, options, paths) = settings;
        string? certificateProblem = null;
        using var certificate = options.Admin.Certificate.IsConfigured
            ? AdminCertificate.LoadForServer(options.Admin.Certificate, out certificateProblem)
            : null;
        if (certificateProblem is not null)
        {
            await Console.Error.WriteLineAsync(certificateProblem);
            return ExitCodes.Invalid;
        }
        // Before Secure creates the file: an empty file this start made is a new store, one it found is not.
        var storeExisted = File.Exists(paths.DatabaseFile);
        PrivateDataDirectory.Secure(paths);
        GroupsDirectory.Secure(paths);
        using var daemonLock = DaemonLock.TryAcquire(paths, out var holder);
        if (daemonLock is null)
        {
            await Console.Error.WriteLineAsync(
                $"Another NanoClaw daemon{(holder is null ? "" : $" (pid {holder})")} is running on {paths.DataDir}: one daemon per data directory."
            );
            return ExitCodes.Failed;
        }
        var (lease, storeExit) = await StoreGate.OpenAsync(
            paths,
            options.NodeName,
            storeExisted,
            Console.Error
        );
        if (lease is null)
            return storeExit;
        ReserveThreadsForRuns(options.MaxConcurrentRuns);

        var builder = WebApplication.CreateSlimBuilder(
            new WebApplicationOptions
            {
                ContentRootPath = Directory.GetCurrentDirectory(),
                // The builder's default appsettings source would watch the content root, subfolders
                // included: the data and group folders, so every database and log write woke the
                // daemon. Its sources are replaced below by ones that do not reload.
                Args = ["--hostBuilder:reloadConfigOnChange=false"],
            }
        );
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddConfiguration(configuration);
        builder.WebHost.UseUrls(options.Admin.Url);
        if (certificate is not null)
        {
            // The slim builder leaves HTTPS out unless asked for.
            builder.WebHost.UseKestrelHttpsConfiguration();
            builder.WebHost.ConfigureKestrel(k =>
                k.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate)
            );
        }
        builder.Services.Configure<HostOptions>(h =>
            // Room for the drain, the kill grace of the runs stopped after it, and recording them.
            h.ShutdownTimeout =
                options.ShutdownGracePeriod + options.KillGracePeriod + TimeSpan.FromSeconds(15)
        );

        var services = builder.Services;
        services.AddNanoClawLogging(configuration, paths);
        services.AddSingleton(options).AddSingleton(paths).AddSingleton(jobsFile);
        // First, so it stops last: the lease is given up only after the scheduler has stopped.
        services.AddSingleton(lease).AddHostedService<StoreLeaseService>();
        services.AddNanoClawStoreDatabase(options, paths);
        services.AddNanoClawRunStore(paths);
        services.AddNanoClawRunners(options);
        services
            .AddSingleton<RunRequestFactory>()
            .AddSingleton<NanoClaw.Execution.Gates.GateCheck>()
            .AddSingleton<RunnerSelector>()
            .AddSingleton<ActiveRuns>()
            .AddSingleton<RecordWrites>()
            .AddSingleton<RunExecutor>();
        services.AddNanoClawFollowUps();
        services.AddNanoClawQuartz(options, paths);
        services
            .AddSingleton<TaskPauses>()
            .AddSingleton<TaskControl>()
            .AddSingleton<JobsReloader>()
            .AddSingleton<ManualRunGate>()
            .AddSingleton<ManualRunQueue>()
            .AddSingleton<QueuedRunSweep>();
        services.AddHostedService<SchedulerService>();
        // After the scheduler service, so it stops first and never resumes a scheduler shutting down.
        services.AddSingleton<StoreWatchdog>();
        services.AddHostedService(sp => sp.GetRequiredService<StoreWatchdog>());
        services.AddSingleton<SchedulerStall>();
        services.AddHealthChecks().AddCheck<StoreHealthCheck>("run-store");
        // After the scheduler service: a change is only applied to a scheduler that has started.
        services.AddHostedService<JobsFileWatcher>();
        services.AddHostedService<RunRetentionService>();
        services.AddNanoClawAgentIpc();
        services.AddNanoClawAdmin(options, paths);
        services.AddNanoClawDashboard(options);
        services.AddNanoClawTelemetry(options, configuration);

        var app = builder.Build();
        app.UseNanoClawAdmin(options);
        app.MapHealthChecks("/healthz", HealthAnswer.Options).AllowAnonymous();
        if (options.Admin.Enabled)
            app.MapNanoClawAdmin();
        app.MapNanoClawDashboard(options);
        app.MapNanoClawMetrics(options);
        var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("NanoClaw");
        SystemdNotify.Register(lifetime, logger);
        // One line that says everything is up (scheduler and admin API): what scripts and tests wait for.
        lifetime.ApplicationStarted.Register(() =>
        {
            if (options.Admin.Enabled)
                PublishAdminUrl(app, paths, logger);
            logger.LogInformation(
                "NanoClaw ready: admin API on {AdminUrl}",
                options.Admin.Enabled ? options.Admin.Url : "(disabled)"
            );
            if (options.Admin.Enabled && IsInsecureBeyondLoopback(options.Admin.Url))
                logger.LogWarning(
                    "The admin API listens beyond loopback over plain HTTP ({AdminUrl}, NanoClaw:Admin:AllowInsecureHttp): the token crosses the network readable",
                    options.Admin.Url
                );
        });
        // Gone on a clean stop; after a crash the CLI sees that its process holds no daemon lock.
        lifetime.ApplicationStopped.Register(() => AdminUrlFile.DeleteOwn(paths));
        try
        {
            await app.RunAsync();
        }
        catch (OperationCanceledException)
            when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            // SIGTERM before start-up finished is an ordinary stop: stop what had started, exit 0.
            await app.StopAsync(CancellationToken.None);
        }
        catch (Microsoft.Data.Sqlite.SqliteException e)
        {
            // The store passed its check at start but failed while the scheduler came up.
            await Console.Error.WriteLineAsync(
                $"NanoClaw stopped: the store {paths.DatabaseFile} could not be used ({e.Message}). 'nanoclaw store check' tells whether it is damaged; 'nanoclaw restore BACKUP_FILE' puts a backup in its place."
            );
            return ExitCodes.Invalid;
        }
        return ExitCodes.Ok;
    }

    /// <summary>
    /// The address Kestrel really bound (a port 0 becomes the one it got), for the CLI to find
    /// (<see cref="AdminUrlFile"/>). A failure to write it costs only that convenience.
    /// </summary>
    private static void PublishAdminUrl(WebApplication app, NanoClawPaths paths, ILogger logger)
    {
        var url = app.Urls.FirstOrDefault();
        if (url is null)
            return;
        try
        {
            AdminUrlFile.Write(paths, url);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(
                "Could not write {File} ({Error}): CLI commands find the admin API from their configuration only",
                AdminUrlFile.PathIn(paths),
                e.Message
            );
        }
    }

    private static bool IsInsecureBeyondLoopback(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && uri.Scheme == "http"
        && !LoopbackHost.IsLoopback(uri.Host);

    /// <summary>
    /// Quartz runs each firing on the .NET thread pool, and SQLite's calls block their thread. Left at
    /// its default minimum (one thread per core) the pool meets a burst of firings by adding threads
    /// slowly, and the last runs of the burst start hundreds of milliseconds late.
    /// </summary>
    private static void ReserveThreadsForRuns(int maxConcurrentRuns)
    {
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(
            Math.Max(workers, maxConcurrentRuns + Environment.ProcessorCount),
            completionPorts
        );
    }
}
