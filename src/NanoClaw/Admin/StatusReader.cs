using System.Diagnostics;
using System.Reflection;
using NanoClaw.Configuration;
using NanoClaw.Runs;
using NanoClaw.Scheduling;
using Quartz;

namespace NanoClaw.Admin;

/// <summary>
/// The daemon at a glance, as <c>GET /api/status</c>, <c>nanoclaw status</c> and the dashboard's
/// overview all show it: one reader so the three agree on failing streaks and counts.
/// </summary>
internal sealed class StatusReader(
    TaskControl control,
    IScheduler scheduler,
    IRunStore runs,
    StoreHealth health,
    NanoClawOptions options,
    NanoClawPaths paths
)
{
    private const int LastFailureCount = 5;
    private const int StreakLimit = 50;
    private static readonly RunStatus[] FailureStatuses = [RunStatus.Failed, RunStatus.TimedOut];

    /// <summary>What each group runs and how many firings wait for it.</summary>
    public Task<GroupActivity> ActivityAsync(CancellationToken ct = default) =>
        GroupActivity.ReadAsync(scheduler, runs, ct);

    public async Task<StatusView> ReadAsync(CancellationToken ct = default) =>
        (await ReadSnapshotAsync(ct)).View;

    /// <summary>
    /// The status with what it was read from, for a page that shows more of the same (the overview):
    /// reading the task list and the groups' activity once, not once per part of the page.
    /// </summary>
    public async Task<StatusSnapshot> ReadSnapshotAsync(CancellationToken ct = default)
    {
        var tasks = await control.ListAsync(ct);
        var groups = await control.ListGroupsAsync(ct);
        var activity = await ActivityAsync(ct);
        var started = new DateTimeOffset(Process.GetCurrentProcess().StartTime.ToUniversalTime());
        var view = new StatusView
        {
            FailingTasks = await FailingTasksAsync(tasks, ct),
            Node = options.NodeName,
            Version = Version(),
            StartedAt = started,
            UptimeSeconds = (long)(DateTimeOffset.UtcNow - started).TotalSeconds,
            Store = new StoreStatusView(
                "sqlite",
                paths.DatabaseFile,
                health.IsFailing ? "failing" : "ok",
                health.Problem
            ),
            Tasks = tasks.Count,
            PausedTasks = tasks.Count(t => t.IsPaused),
            Groups = groups.Count,
            RunningRuns = activity.RunningCount,
            QueuedRuns = activity.Waiting.Values.Sum(),
            LastFailures = await LastFailuresAsync(ct),
        };
        return new StatusSnapshot(view, activity, tasks, groups);
    }

    /// <summary>Tasks that still exist and whose latest run failed, the most recent failure first.</summary>
    private async Task<IReadOnlyList<FailingTaskView>> FailingTasksAsync(
        IReadOnlyList<StoredTaskInfo> tasks,
        CancellationToken ct
    )
    {
        var streaks = (await runs.FailureStreaksAsync(StreakLimit, ct)).ToDictionary(
            s => s.Latest.TaskId!,
            StringComparer.Ordinal
        );
        var failing = new List<FailingTaskView>();
        foreach (var task in tasks)
        {
            if (!streaks.TryGetValue(task.Definition.Id, out var streak))
                continue;
            var last = streak.Latest;
            failing.Add(
                new FailingTaskView(
                    task.Definition.Id,
                    task.Definition.Group,
                    RunStatusNames.ToName(last.Status),
                    last.Id,
                    last.FinishedAt ?? last.StartedAt,
                    streak.Failures,
                    streak.Since,
                    last.Error
                )
            );
        }
        return [.. failing.OrderByDescending(f => f.At)];
    }

    private async Task<IReadOnlyList<FailureView>> LastFailuresAsync(CancellationToken ct)
    {
        var found = new List<RunRecord>();
        foreach (var status in FailureStatuses)
            found.AddRange(
                await runs.ListAsync(new RunQuery { Status = status, Limit = LastFailureCount }, ct)
            );
        return
        [
            .. found
                .OrderByDescending(r => r.StartedAt)
                .Take(LastFailureCount)
                .Select(r => new FailureView(
                    r.Id,
                    r.TaskId,
                    r.Group,
                    RunStatusNames.ToName(r.Status),
                    r.FinishedAt ?? r.StartedAt,
                    r.Error
                )),
        ];
    }

    private static string Version() =>
        typeof(StatusReader)
            .Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()
            ?.InformationalVersion.Split('+')[0]
        ?? typeof(StatusReader).Assembly.GetName().Version?.ToString()
        ?? "unknown";
}
