using NanoClaw.Jobs;
using NanoClaw.Runs;
using Quartz;

namespace NanoClaw.Scheduling;

/// <summary>
/// Makes the Quartz store match the jobs file. Definitions are compared by hash: an unchanged task
/// keeps its trigger and so its state (paused stays paused, a missed firing is a misfire for its
/// policy); a changed one is rescheduled, keeping a pause; one gone from the file is deleted.
/// Tasks created through the admin API or by agents are not the file's to touch.
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
        var storedKeys = await StoredTaskKeysAsync(cancellationToken);
        var synced = await runStore.GetSyncedTaskHashesAsync(cancellationToken);
        var nowSynced = new Dictionary<(string Group, string TaskId), string>();
        foreach (var task in file.Tasks)
        {
            var key = QuartzKeys.Task(task.Group, task.Id);
            var hash = TaskTriggerFactory.Hash(task);
            var isStored = storedKeys.Remove(key);
            // The last sync stored this very definition under this key, and only the sync writes file
            // tasks: no need to read the trigger back, which for thousands of tasks is most of a restart.
            if (isStored && synced.GetValueOrDefault((task.Group, task.Id)) == hash)
            {
                nowSynced[(task.Group, task.Id)] = hash;
                unchanged++;
                continue;
            }
            var existing = isStored ? await ReadStoredAsync(key, cancellationToken) : null;
            if (existing is null)
            {
                if (await IsSpentOnceAsync(task, cancellationToken))
                    continue;
                var job = jobs[task.Group];
                if (!additions.TryGetValue(job, out var triggers))
                    additions[job] = triggers = [];
                triggers.Add(TaskTriggerFactory.Create(task, CronResolver.Resolve(task.Cron)));
                nowSynced[(task.Group, task.Id)] = hash;
                added++;
            }
            else if (existing.Definition.Source != TaskSource.File)
            {
                logger.LogWarning(
                    "Task {TaskId} in the jobs file is ignored: a task of that id was created through the admin API or by an agent (source {Source})",
                    task.Id,
                    existing.Definition.Source.ToString().ToLowerInvariant()
                );
            }
            else
            {
                nowSynced[(task.Group, task.Id)] = hash;
                if (existing.Hash == hash)
                {
                    unchanged++;
                    continue;
                }
                var replacement = TaskTriggerFactory.Create(
                    task,
                    CronResolver.Resolve(task.Cron),
                    existing.Trigger.NextFireTimeUtc
                );
                await ReplaceAsync(key, replacement, cancellationToken);
                changed++;
            }
        }

        await ScheduleAllAsync(additions, cancellationToken);

        foreach (var key in storedKeys)
        {
            // A task the last sync stored is the file's; anything else is read: it may be an API task.
            if (!synced.ContainsKey((key.Group, key.Name)))
            {
                var leftover = await ReadStoredAsync(key, cancellationToken);
                if (leftover is null || leftover.Definition.Source != TaskSource.File)
                    continue;
            }
            await scheduler.UnscheduleJob(key, cancellationToken);
            removed++;
        }
        await RemoveEmptyGroupsAsync(file, cancellationToken);
        if (!IsSame(synced, nowSynced))
            await runStore.SaveSyncedTaskHashesAsync(nowSynced, cancellationToken);
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
            // A group still holding API or agent tasks, or queued ad hoc runs, stays until they are gone.
            if (triggers.Items.Count == 0)
                await scheduler.DeleteJob(job.Key, cancellationToken);
        }
    }

    private async Task<HashSet<TriggerKey>> StoredTaskKeysAsync(CancellationToken cancellationToken)
    {
        var headers = await scheduler.QueryTriggers(
            new TriggerQuery { Take = PagedQuery.All },
            cancellationToken
        );
        return [.. headers.Items.Where(h => QuartzKeys.IsTask(h.Key, h.JobKey)).Select(h => h.Key)];
    }

    private async Task<StoredTask?> ReadStoredAsync(
        TriggerKey key,
        CancellationToken cancellationToken
    )
    {
        var trigger = await scheduler.GetTrigger(key, cancellationToken);
        return trigger?.JobDataMap.StringOrNull(JobDataKeys.Task) is { } text
            ? new StoredTask(
                trigger,
                DefinitionJson.Deserialize<TaskDefinition>(text),
                trigger.JobDataMap.StringOrNull(JobDataKeys.TaskHash)
            )
            : null;
    }

    private static bool IsSame(
        IReadOnlyDictionary<(string Group, string TaskId), string> before,
        Dictionary<(string Group, string TaskId), string> after
    ) => before.Count == after.Count && after.All(a => before.GetValueOrDefault(a.Key) == a.Value);

    private sealed record StoredTask(ITrigger Trigger, TaskDefinition Definition, string? Hash);
}
