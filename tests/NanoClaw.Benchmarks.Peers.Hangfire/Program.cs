using Hangfire;
using Hangfire.Storage.SQLite;
using NanoClaw.Benchmarks.Peers;
using NanoClaw.Benchmarks.Peers.Hangfire;

// Usage: NanoClaw.Benchmarks.Peers.Hangfire WORKLOAD.json — runs until stdin closes or the workload's duration ends.
var workload = PeerWorkload.Load(args[0]);
var log = new PeerRunLog(workload.RunsDatabase);
log.Create();
TaskJob.Workload = workload;
TaskJob.Log = log;

GlobalConfiguration
    .Configuration.UseSimpleAssemblyNameTypeSerializer()
    .UseRecommendedSerializerSettings()
    .UseSQLiteStorage(
        workload.StoreDatabase,
        // Hangfire's workers poll the queue; the default would leave a second's work waiting.
        new SQLiteStorageOptions { QueuePollInterval = TimeSpan.FromMilliseconds(100) }
    );

// A run that fails is recorded as such, as in the other systems, not retried.
GlobalJobFilters.Filters.Add(new AutomaticRetryAttribute { Attempts = 0 });

using var server = new BackgroundJobServer(
    new BackgroundJobServerOptions { WorkerCount = workload.Concurrency }
);
using var stop = new CancellationTokenSource();
var ticks = EnqueueEverySecondAsync(workload, stop.Token);
await PeerLifetime.RunAsync(workload);
await stop.CancelAsync();
await ticks;
return 0;

// Hangfire's recurring jobs take a cron with seconds, but they enqueue a job at every occurrence even
// while the last one still waits in the queue: under a saturating workload the queue would grow
// without bound, where Quartz and NanoClaw fire a trigger again only once its run has ended. So a
// timer enqueues, every second, each task whose previous run has ended, groups interleaved so that
// the workers do not all wait on one group's lock.
static async Task EnqueueEverySecondAsync(
    PeerWorkload workload,
    CancellationToken cancellationToken
)
{
    var next = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1;
    while (!cancellationToken.IsCancellationRequested)
    {
        var delay = DateTimeOffset.FromUnixTimeSeconds(next) - DateTimeOffset.UtcNow;
        try
        {
            if (delay > TimeSpan.Zero)
                await Task.Delay(delay, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        var scheduledMs = next * 1000;
        for (var t = 0; t < workload.TasksPerGroup; t++)
        for (var g = 0; g < workload.Groups; g++)
        {
            var (group, task) = (PeerWorkload.GroupName(g), PeerWorkload.TaskName(g, t));
            if (TaskJob.Pending.TryAdd(task, true))
                BackgroundJob.Enqueue(() => TaskJob.Run(group, task, scheduledMs));
        }
        next += workload.IntervalSeconds;
    }
}
