using Microsoft.Data.Sqlite;
using NanoClaw.Benchmarks.Peers;
using NanoClaw.Benchmarks.Peers.Quartz;
using Quartz;

// Usage: NanoClaw.Benchmarks.Peers.Quartz WORKLOAD.json — runs until stdin closes or the workload's duration ends.
var workload = PeerWorkload.Load(args[0]);
var log = new PeerRunLog(workload.RunsDatabase);
log.Create();
GroupJob.Workload = workload;
GroupJob.Log = log;

// WAL on the store file, as NanoClaw's own store has it (persistent in the file).
using (var connection = new SqliteConnection($"Data Source={workload.StoreDatabase}"))
{
    connection.Open();
    using var wal = connection.CreateCommand();
    wal.CommandText = "PRAGMA journal_mode = WAL";
    wal.ExecuteNonQuery();
}

var scheduler = await QuartzSchedulerBuilder
    .Create(q =>
    {
        q.ConfigureScheduler(s => s.InstanceName = "peer");
        q.UseDefaultThreadPool(workload.Concurrency);
        q.UsePersistentStore(store =>
        {
            store.UseSqlite($"Data Source={workload.StoreDatabase}");
            store.ProvisionSchema();
        });
    })
    .BuildScheduler();

// All triggers start on the same whole second, so every task is due at the same instant.
var start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 2);
var jobs = new Dictionary<IJobDetail, IReadOnlyCollection<ITrigger>>();
for (var g = 0; g < workload.Groups; g++)
{
    var job = JobBuilder
        .Create<GroupJob>()
        .WithIdentity(PeerWorkload.GroupName(g))
        .StoreDurably()
        .Build();
    jobs[job] =
    [
        .. Enumerable
            .Range(0, workload.TasksPerGroup)
            .Select(t =>
                TriggerBuilder
                    .Create()
                    .WithIdentity(PeerWorkload.TaskName(g, t))
                    .ForJob(job)
                    .StartAt(start)
                    .WithSimpleSchedule(s =>
                        s.WithInterval(TimeSpan.FromSeconds(workload.IntervalSeconds))
                            .RepeatForever()
                    )
                    .Build()
            ),
    ];
}
await scheduler.ScheduleJobs(jobs, new ScheduleJobOptions { Replace = true });
await scheduler.Start();
await PeerLifetime.RunAsync(workload);
await scheduler.Shutdown(waitForJobsToComplete: true);
return 0;
