using NanoClaw.Jobs;
using NanoClaw.Runs.Sqlite;
using Quartz;

namespace NanoClaw.Scheduling;

/// <summary>
/// What an operator does to tasks and groups at run time, as Quartz operations: ad hoc runs are
/// one-shot triggers on the group's job (so they queue behind its running task and survive a
/// restart), pauses are trigger pauses (persisted in the store). A task's own pause and its group's
/// are separate states (see <see cref="TaskPauses"/>): a trigger is paused while either holds.
/// </summary>
internal sealed class TaskControl(
    IScheduler scheduler,
    TaskPauses pauses,
    SqliteConnectionFactory connections
) : IDisposable
{
    private readonly TaskCatalog _catalog = new(scheduler, connections);

    /// <summary>Pause changes and their repair run one at a time, so none sees another half done.</summary>
    private readonly SemaphoreSlim _pauseGate = new(1, 1);

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
                return new StoredTaskInfo(DefinitionJson.Deserialize<TaskDefinition>(json), header)
                {
                    IsPausedAlone = await pauses.IsPausedAsync(
                        header.Key.Group,
                        header.Key.Name,
                        cancellationToken
                    ),
                    IsGroupPaused = await IsGroupPausedAsync(header.Key.Group, cancellationToken),
                };
        }
        return null;
    }

    public async Task<IReadOnlyList<StoredTaskInfo>> ListAsync(
        CancellationToken cancellationToken = default
    )
    {
        var tasks = await _catalog.ReadAsync(cancellationToken);
        var pausedAlone = await pauses.AllAsync(cancellationToken);
        var pausedGroups = (await scheduler.GetPausedTriggerGroups(cancellationToken)).ToHashSet(
            StringComparer.Ordinal
        );
        return
        [
            .. tasks
                .Select(t => new StoredTaskInfo(t.Definition, t.Header)
                {
                    IsPausedAlone = pausedAlone.Contains((t.Header.Key.Group, t.Header.Key.Name)),
                    IsGroupPaused = pausedGroups.Contains(t.Header.Key.Group),
                })
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

    /// <summary>
    /// Records or forgets the task's own pause. A task resumed in a paused group stays paused, waiting
    /// for its group: only the group's resume lets it fire.
    /// </summary>
    public async Task SetTaskPausedAsync(
        StoredTaskInfo task,
        bool paused,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(task);
        var key = task.Header.Key;
        await _pauseGate.WaitAsync(cancellationToken);
        try
        {
            // The record first: a crash in between leaves a recorded pause that the next start applies.
            if (paused)
            {
                await pauses.AddAsync(key.Group, key.Name, cancellationToken);
                await scheduler.PauseTrigger(key, cancellationToken);
            }
            else
            {
                await pauses.RemoveAsync(key.Group, key.Name, cancellationToken);
                if (!await IsGroupPausedAsync(key.Group, cancellationToken))
                    await scheduler.ResumeTrigger(key, cancellationToken);
            }
        }
        finally
        {
            _pauseGate.Release();
        }
    }

    /// <summary>
    /// Pauses the group's whole trigger group: its tasks, and ad hoc runs queued for it, wait until it
    /// is resumed. The store remembers the paused group, so tasks added later start paused too.
    /// Resuming it leaves the tasks paused on their own paused.
    /// </summary>
    public async Task SetGroupPausedAsync(
        string group,
        bool paused,
        CancellationToken cancellationToken = default
    )
    {
        var matcher = GroupMatcher<TriggerKey>.GroupEquals(group);
        await _pauseGate.WaitAsync(cancellationToken);
        try
        {
            if (paused)
            {
                await scheduler.PauseTriggerGroups(matcher, cancellationToken);
                return;
            }
            // Quartz resumes every trigger of the group in one step; the tasks paused on their own
            // are paused again at once, and GroupJob drops a firing one of them gets in between.
            await scheduler.ResumeTriggerGroups(matcher, cancellationToken);
            var own = (await pauses.AllAsync(cancellationToken))
                .Where(p => p.Group == group)
                .Select(p => QuartzKeys.Task(p.Group, p.TaskId))
                .ToList();
            if (own.Count > 0)
                await scheduler.PauseTriggers(own, cancellationToken);
        }
        finally
        {
            _pauseGate.Release();
        }
    }

    /// <summary>
    /// Makes the triggers agree with the recorded pauses, after a sync and at start: a recorded task
    /// pause is applied (a crash may have come between the record and the trigger, or a resumed
    /// group), and the record of a task that is gone is dropped, so a task of that id added later is
    /// a new task. A trigger paused with no record while its group is not (a store from before task
    /// pauses were recorded) is recorded as paused on its own.
    /// </summary>
    public async Task ReconcilePausesAsync(CancellationToken cancellationToken = default)
    {
        await _pauseGate.WaitAsync(cancellationToken);
        try
        {
            var page = await scheduler.QueryTriggers(
                new TriggerQuery { Take = PagedQuery.All },
                cancellationToken
            );
            var tasks = page
                .Items.Where(h => QuartzKeys.IsTask(h.Key, h.JobKey))
                .ToDictionary(h => (h.Key.Group, h.Key.Name));
            var pausedGroups = (
                await scheduler.GetPausedTriggerGroups(cancellationToken)
            ).ToHashSet(StringComparer.Ordinal);
            var recorded = await pauses.AllAsync(cancellationToken);
            var toPause = new List<TriggerKey>();
            foreach (var (group, taskId) in recorded)
            {
                if (!tasks.TryGetValue((group, taskId), out var header))
                    await pauses.RemoveAsync(group, taskId, cancellationToken);
                else if (!IsTriggerPaused(header))
                    toPause.Add(header.Key);
            }
            if (toPause.Count > 0)
                await scheduler.PauseTriggers(toPause, cancellationToken);
            foreach (var header in tasks.Values)
            {
                if (
                    IsTriggerPaused(header)
                    && !pausedGroups.Contains(header.Key.Group)
                    && !recorded.Contains((header.Key.Group, header.Key.Name))
                )
                    await pauses.AddAsync(header.Key.Group, header.Key.Name, cancellationToken);
            }
        }
        finally
        {
            _pauseGate.Release();
        }
    }

    private static bool IsTriggerPaused(TriggerHeader header) =>
        header.State is TriggerState.Paused || header.Pause is not null;

    public async Task AddAsync(TaskDefinition task, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        await scheduler.ScheduleJob(
            TaskTriggerFactory.Create(task, CronResolver.Resolve(task.Cron)),
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
            CronResolver.Resolve(replacement.Cron),
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
        var removed = await scheduler.UnscheduleJob(task.Header.Key, cancellationToken);
        await pauses.RemoveAsync(task.Header.Key.Group, task.Header.Key.Name, cancellationToken);
        return removed;
    }

    public void Dispose() => _pauseGate.Dispose();
}
