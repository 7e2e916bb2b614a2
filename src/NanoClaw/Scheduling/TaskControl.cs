using NanoClaw.Jobs;
using Quartz;

namespace NanoClaw.Scheduling;

/// <summary>
/// What an operator does to tasks and groups at run time, as Quartz operations: ad hoc runs are
/// one-shot triggers on the group's job (so they queue behind its running task and survive a
/// restart), pauses are trigger pauses (persisted in the store).
/// </summary>
internal sealed class TaskControl(IScheduler scheduler)
{
    public async Task<StoredTaskInfo?> FindAsync(
        string taskId,
        CancellationToken cancellationToken = default
    )
    {
        var page = await scheduler.QueryTriggers(
            new TriggerQuery
            {
                Name = NameMatcher<TriggerKey>.NameEquals(taskId),
                Take = PagedQuery.All,
            },
            cancellationToken
        );
        foreach (var header in page.Items.Where(h => QuartzKeys.IsTask(h.Key, h.JobKey)))
        {
            var trigger = await scheduler.GetTrigger(header.Key, cancellationToken);
            if (trigger?.JobDataMap.StringOrNull(JobDataKeys.Task) is { } json)
                return new StoredTaskInfo(DefinitionJson.Deserialize<TaskDefinition>(json), header);
        }
        return null;
    }

    public async Task<IReadOnlyList<StoredTaskInfo>> ListAsync(
        CancellationToken cancellationToken = default
    )
    {
        var page = await scheduler.QueryTriggers(
            new TriggerQuery { Take = PagedQuery.All },
            cancellationToken
        );
        var headers = page
            .Items.Where(h => QuartzKeys.IsTask(h.Key, h.JobKey))
            .ToDictionary(h => h.Key);
        var triggers = await scheduler.GetTriggers([.. headers.Keys], cancellationToken);
        return
        [
            .. triggers
                .Select(t => (Trigger: t, Json: t.JobDataMap.StringOrNull(JobDataKeys.Task)))
                .Where(t => t.Json is not null)
                .Select(t => new StoredTaskInfo(
                    DefinitionJson.Deserialize<TaskDefinition>(t.Json!),
                    headers[t.Trigger.Key]
                ))
                .OrderBy(t => t.Definition.Group, StringComparer.Ordinal)
                .ThenBy(t => t.Definition.Id, StringComparer.Ordinal),
        ];
    }

    public async Task<IReadOnlyList<GroupInfo>> ListGroupsAsync(
        CancellationToken cancellationToken = default
    )
    {
        var jobs = await scheduler.QueryJobs(
            new JobQuery
            {
                Group = GroupMatcher<JobKey>.GroupEquals(QuartzKeys.JobGroup),
                Take = PagedQuery.All,
            },
            cancellationToken
        );
        var details = await scheduler.GetJobDetails(
            [.. jobs.Items.Select(j => j.Key)],
            cancellationToken
        );
        // A group's tasks are its trigger group (named after it), so its pause is that group's.
        var paused = (await scheduler.GetPausedTriggerGroups(cancellationToken)).ToHashSet(
            StringComparer.Ordinal
        );
        var result = new List<GroupInfo>();
        foreach (var detail in details)
        {
            if (detail.JobDataMap.StringOrNull(JobDataKeys.Group) is not { } json)
                continue;
            result.Add(
                new GroupInfo(
                    DefinitionJson.Deserialize<GroupDefinition>(json),
                    paused.Contains(detail.Key.Name)
                )
            );
        }
        return [.. result.OrderBy(g => g.Definition.Name, StringComparer.Ordinal)];
    }

    public async Task<GroupDefinition?> FindGroupAsync(
        string group,
        CancellationToken cancellationToken = default
    )
    {
        var detail = await scheduler.GetJobDetail(QuartzKeys.Job(group), cancellationToken);
        return detail?.JobDataMap.StringOrNull(JobDataKeys.Group) is { } json
            ? DefinitionJson.Deserialize<GroupDefinition>(json)
            : null;
    }

    /// <summary>Queues an ad hoc run; returns its run id at once.</summary>
    public async Task<string> QueueAsync(
        string group,
        ManualRun run,
        CancellationToken cancellationToken = default
    )
    {
        await scheduler.ScheduleJob(
            TaskTriggerFactory.CreateManual(group, run),
            cancellationToken: cancellationToken
        );
        return run.RunId;
    }

    public async Task<bool> IsGroupPausedAsync(
        string group,
        CancellationToken cancellationToken = default
    ) => (await scheduler.GetPausedTriggerGroups(cancellationToken)).Contains(group);

    public static string NewRunId() => Guid.CreateVersion7().ToString("N");

    public async Task<bool> SetTaskPausedAsync(
        StoredTaskInfo task,
        bool paused,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(task);
        return paused
            ? await scheduler.PauseTrigger(task.Header.Key, cancellationToken)
            : await scheduler.ResumeTrigger(task.Header.Key, cancellationToken);
    }

    /// <summary>
    /// Pauses the group's whole trigger group: its tasks, and ad hoc runs queued for it, wait until it
    /// is resumed. The store remembers the paused group, so tasks added later start paused too.
    /// </summary>
    public async Task SetGroupPausedAsync(
        string group,
        bool paused,
        CancellationToken cancellationToken = default
    )
    {
        var matcher = GroupMatcher<TriggerKey>.GroupEquals(group);
        if (paused)
            await scheduler.PauseTriggerGroups(matcher, cancellationToken);
        else
            await scheduler.ResumeTriggerGroups(matcher, cancellationToken);
    }

    public async Task AddAsync(TaskDefinition task, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        await scheduler.ScheduleJob(
            TaskTriggerFactory.Create(task, CronResolver.ToQuartz(task.Cron)),
            cancellationToken: cancellationToken
        );
    }

    /// <summary>
    /// Puts a changed definition in place of a stored task, keeping its own pause and, for an
    /// interval, its phase (as a change in the jobs file does).
    /// </summary>
    public async Task ReplaceAsync(
        StoredTaskInfo existing,
        TaskDefinition replacement,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(replacement);
        var key = existing.Header.Key;
        var wasPaused =
            await scheduler.GetTriggerState(key, cancellationToken) == TriggerState.Paused;
        var next = existing.Header.NextFireTimeUtc;
        var trigger = TaskTriggerFactory.Create(
            replacement,
            CronResolver.ToQuartz(replacement.Cron),
            next < TaskTriggerFactory.ParkedStart ? next : null
        );
        await scheduler.RescheduleJob(key, trigger, cancellationToken);
        if (wasPaused)
            await scheduler.PauseTrigger(key, cancellationToken);
    }

    public async Task<bool> RemoveAsync(
        StoredTaskInfo task,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(task);
        return await scheduler.UnscheduleJob(task.Header.Key, cancellationToken);
    }
}
