using NanoClaw.Jobs;
using NanoClaw.Runs;
using Quartz;

namespace NanoClaw.Scheduling;

/// <summary>
/// Makes the Quartz store match the jobs file. Definitions are compared by hash: an unchanged task
/// keeps its trigger and so its state (paused stays paused, a missed firing is a misfire for its
/// policy); a changed one is rescheduled, keeping a pause; one gone from the file is deleted.
/// Tasks created through the admin API are not the file's to touch.
/// </summary>
internal sealed class JobsSynchronizer(
    IScheduler scheduler,
    IRunStore runStore,
    ILogger<JobsSynchronizer> logger
)
{
    public async Task<SyncSummary> SyncAsync(
        JobsFile file,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(file);
        var jobs = new Dictionary<string, IJobDetail>(StringComparer.Ordinal);
        foreach (var group in file.Groups.Values)
            jobs[group.Name] = await EnsureGroupAsync(group, cancellationToken);
        var additions = new Dictionary<IJobDetail, List<ITrigger>>();

        int added = 0,
            changed = 0,
            unchanged = 0,
            removed = 0;
        var stored = await StoredTasksAsync(cancellationToken);
        foreach (var task in file.Tasks)
        {
            var key = QuartzKeys.Task(task.Group, task.Id);
            stored.Remove(key, out var existing);
            if (existing is null)
            {
                if (await IsSpentOnceAsync(task, cancellationToken))
                    continue;
                var job = jobs[task.Group];
                if (!additions.TryGetValue(job, out var triggers))
                    additions[job] = triggers = [];
                triggers.Add(TaskTriggerFactory.Create(task, CronResolver.ToQuartz(task.Cron)));
                added++;
            }
            else if (existing.Definition.Source == TaskSource.Api)
            {
                logger.LogWarning(
                    "Task {TaskId} in the jobs file is ignored: a task of that id was created through the admin API",
                    task.Id
                );
            }
            else
            {
                var replacement = TaskTriggerFactory.Create(
                    task,
                    CronResolver.ToQuartz(task.Cron),
                    existing.Trigger.NextFireTimeUtc
                );
                if (HashOf(replacement) == existing.Hash)
                {
                    unchanged++;
                    continue;
                }
                await ReplaceAsync(key, replacement, cancellationToken);
                changed++;
            }
        }

        await ScheduleAllAsync(additions, cancellationToken);

        foreach (var (key, leftover) in stored)
        {
            if (leftover.Definition.Source == TaskSource.Api)
                continue;
            await scheduler.UnscheduleJob(key, cancellationToken);
            removed++;
        }
        await RemoveEmptyGroupsAsync(file, cancellationToken);
        return new SyncSummary(added, changed, removed, unchanged);
    }

    /// <summary>
    /// Quartz deletes a trigger that will never fire again, so a once-task that already fired has no
    /// trigger; re-creating it would run it again on every restart. Its firing is recorded when it
    /// happens. Moving its instant re-arms it. (One dropped by a <c>skip</c> misfire is re-created,
    /// and dropped again: it still never runs.)
    /// </summary>
    private async Task<bool> IsSpentOnceAsync(
        TaskDefinition task,
        CancellationToken cancellationToken
    )
    {
        if (task.Once is not { } once)
            return false;
        if (!await runStore.HasOnceFiredAsync(task.Id, once, cancellationToken))
            return false;
        logger.LogInformation(
            "Task {TaskId} already ran once at {Once}: nothing to schedule",
            task.Id,
            once
        );
        return true;
    }

    /// <summary>
    /// New tasks go to the store in one call, so in one transaction: a first start with thousands of
    /// tasks would otherwise pay a commit per task. Their group jobs are already stored as they are, so
    /// storing them again with <c>Replace</c> changes nothing.
    /// </summary>
    private async Task ScheduleAllAsync(
        Dictionary<IJobDetail, List<ITrigger>> additions,
        CancellationToken cancellationToken
    )
    {
        if (additions.Count == 0)
            return;
        await scheduler.ScheduleJobs(
            additions.ToDictionary(a => a.Key, a => (IReadOnlyCollection<ITrigger>)a.Value),
            new ScheduleJobOptions { Replace = true },
            cancellationToken
        );
    }

    private async Task<IJobDetail> EnsureGroupAsync(
        GroupDefinition group,
        CancellationToken cancellationToken
    )
    {
        var json = DefinitionJson.Serialize(group);
        var existing = await scheduler.GetJobDetail(QuartzKeys.Job(group.Name), cancellationToken);
        if (existing is not null && existing.JobDataMap.StringOrNull(JobDataKeys.Group) == json)
            return existing;
        var job = JobBuilder
            .Create<GroupJob>()
            .WithIdentity(QuartzKeys.Job(group.Name))
            .StoreDurably()
            .RequestRecovery()
            .UsingJobData(JobDataKeys.Group, json)
            .Build();
        await scheduler.AddJob(job, AddJobOptions.Replacing, cancellationToken);
        return job;
    }

    private async Task ReplaceAsync(
        TriggerKey key,
        ITrigger replacement,
        CancellationToken cancellationToken
    )
    {
        var wasPaused =
            await scheduler.GetTriggerState(key, cancellationToken) == TriggerState.Paused;
        await scheduler.RescheduleJob(key, replacement, cancellationToken);
        if (wasPaused)
            await scheduler.PauseTrigger(key, cancellationToken);
    }

    private async Task RemoveEmptyGroupsAsync(JobsFile file, CancellationToken cancellationToken)
    {
        var jobs = await scheduler.QueryJobs(
            new JobQuery
            {
                Group = GroupMatcher<JobKey>.GroupEquals(QuartzKeys.JobGroup),
                Take = PagedQuery.All,
            },
            cancellationToken
        );
        foreach (var job in jobs.Items)
        {
            if (file.Groups.ContainsKey(job.Key.Name))
                continue;
            var triggers = await scheduler.QueryTriggers(
                new TriggerQuery { Job = job.Key, Take = 1 },
                cancellationToken
            );
            // A group still holding API tasks or queued ad hoc runs stays until they are gone.
            if (triggers.Items.Count == 0)
                await scheduler.DeleteJob(job.Key, cancellationToken);
        }
    }

    private async Task<Dictionary<TriggerKey, StoredTask>> StoredTasksAsync(
        CancellationToken cancellationToken
    )
    {
        var headers = await scheduler.QueryTriggers(
            new TriggerQuery { Take = PagedQuery.All },
            cancellationToken
        );
        var keys = headers
            .Items.Where(h => QuartzKeys.IsTask(h.Key, h.JobKey))
            .Select(h => h.Key)
            .ToList();
        var triggers = await scheduler.GetTriggers(keys, cancellationToken);
        var result = new Dictionary<TriggerKey, StoredTask>();
        foreach (var trigger in triggers)
        {
            if (trigger.JobDataMap.StringOrNull(JobDataKeys.Task) is { } text)
                result[trigger.Key] = new StoredTask(
                    trigger,
                    DefinitionJson.Deserialize<TaskDefinition>(text),
                    HashOf(trigger)
                );
        }
        return result;
    }

    private static string? HashOf(ITrigger trigger) =>
        trigger.JobDataMap.StringOrNull(JobDataKeys.TaskHash);

    private sealed record StoredTask(ITrigger Trigger, TaskDefinition Definition, string? Hash);
}
