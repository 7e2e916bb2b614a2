using NanoClaw.Scheduling;
using Quartz;

namespace NanoClaw.Retries;

/// <summary>The trigger that carries a <see cref="RetryRun"/>, and finding the pending ones of a task.</summary>
internal static class RetryTriggers
{
    public static ITrigger Create(string group, RetryRun retry) =>
        TriggerBuilder
            .Create()
            .WithIdentity(QuartzKeys.Retry(group, retry.TaskId, retry.RunId))
            .ForJob(QuartzKeys.Job(group))
            .UsingJobData(JobDataKeys.Retry, DefinitionJson.Serialize(retry))
            .StartAt(retry.DueAt)
            // A retry that comes due while the group is busy, or the daemon is down, runs when it can.
            .WithSimpleSchedule(s =>
                s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow)
            )
            .Build();

    /// <summary>The pending retries of <paramref name="taskId"/> in <paramref name="group"/>, or of every task of it when null.</summary>
    public static async Task<IReadOnlyList<TriggerKey>> PendingAsync(
        IScheduler scheduler,
        string group,
        string? taskId,
        CancellationToken cancellationToken
    )
    {
        var page = await scheduler.QueryTriggers(
            new TriggerQuery
            {
                Group = GroupMatcher<TriggerKey>.GroupEquals(group),
                Take = PagedQuery.All,
            },
            cancellationToken
        );
        return
        [
            .. page
                .Items.Select(h => h.Key)
                .Where(k =>
                    taskId is null
                        ? QuartzKeys.IsRetry(k)
                        : k.Name.StartsWith(
                            QuartzKeys.RetryPrefixOf(taskId),
                            StringComparison.Ordinal
                        )
                ),
        ];
    }
}
