using System.Diagnostics;
using System.Reflection;
using NanoClaw.Configuration;
using NanoClaw.Runs;
using NanoClaw.Scheduling;
using Quartz;

namespace NanoClaw.Admin;

/// <summary><c>GET /api/status</c>: node, version, uptime, store, counts, failing tasks, last failures.</summary>
internal static class StatusEndpoints
{
    private const int LastFailureCount = 5;
    private const int StreakLimit = 50;
    private static readonly RunStatus[] FailureStatuses = [RunStatus.Failed, RunStatus.TimedOut];

    public static void Map(RouteGroupBuilder api) => api.MapGet("/status", StatusAsync);

    private static async Task<IResult> StatusAsync(
        TaskControl control,
        IScheduler scheduler,
        IRunStore runs,
        StoreHealth health,
        NanoClawOptions options,
        NanoClawPaths paths,
        CancellationToken ct
    )
    {
        var tasks = await control.ListAsync(ct);
        var groups = await control.ListGroupsAsync(ct);
        var activity = await GroupActivity.ReadAsync(scheduler, runs, ct);
        var started = new DateTimeOffset(Process.GetCurrentProcess().StartTime.ToUniversalTime());
        return Results.Ok(
            new StatusView
            {
                FailingTasks = await FailingTasksAsync(tasks, runs, ct),
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
                LastFailures = await LastFailuresAsync(runs, ct),
            }
        );
    }

    /// <summary>Tasks that still exist and whose latest run failed, the most recent failure first.</summary>
    private static async Task<IReadOnlyList<FailingTaskView>> FailingTasksAsync(
        IReadOnlyList<StoredTaskInfo> tasks,
        IRunStore runs,
        CancellationToken ct
    )
    {
        var latest = await runs.LatestByTaskAsync(ct);
        var failing = new List<FailingTaskView>();
        foreach (var task in tasks)
        {
            if (
                !latest.TryGetValue(task.Definition.Id, out var last)
                || !FailureStatuses.Contains(last.Status)
            )
                continue;
            var recent = await runs.ListAsync(
                new RunQuery { TaskId = task.Definition.Id, Limit = StreakLimit },
                ct
            );
            var streak = recent.TakeWhile(r => FailureStatuses.Contains(r.Status)).ToList();
            failing.Add(
                new FailingTaskView(
                    task.Definition.Id,
                    task.Definition.Group,
                    RunStatusNames.ToName(last.Status),
                    last.Id,
                    last.FinishedAt ?? last.StartedAt,
                    streak.Count,
                    streak[^1].StartedAt,
                    last.Error
                )
            );
        }
        return [.. failing.OrderByDescending(f => f.At)];
    }

    private static async Task<IReadOnlyList<FailureView>> LastFailuresAsync(
        IRunStore runs,
        CancellationToken ct
    )
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
        typeof(StatusEndpoints)
            .Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()
            ?.InformationalVersion.Split('+')[0]
        ?? typeof(StatusEndpoints).Assembly.GetName().Version?.ToString()
        ?? "unknown";
}
