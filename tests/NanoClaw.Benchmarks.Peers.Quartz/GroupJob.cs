using Quartz;

namespace NanoClaw.Benchmarks.Peers.Quartz;

/// <summary>One durable job per group; each task is a trigger of it, so Quartz runs one task of a group at a time.</summary>
[DisallowConcurrentExecution]
internal sealed class GroupJob : IJob
{
    /// <summary>Set once before the scheduler starts: the job factory builds jobs with no arguments.</summary>
    public static PeerWorkload Workload { get; set; } = null!;

    public static PeerRunLog Log { get; set; } = null!;

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        PeerCommand.Run(
            Workload,
            Log,
            context.Trigger.Key.Name,
            context.JobDetail.Key.Name,
            context.ScheduledFireTimeUtc?.ToUnixTimeMilliseconds() ?? 0
        );
        return ValueTask.CompletedTask;
    }
}
