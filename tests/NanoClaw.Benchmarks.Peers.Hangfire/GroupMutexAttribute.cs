using Hangfire.Common;
using Hangfire.Server;

namespace NanoClaw.Benchmarks.Peers.Hangfire;

/// <summary>
/// One run per group at a time. Hangfire's <c>DisableConcurrentExecution</c> locks on the job's
/// method, which is the same for every group; this takes the same storage-wide distributed lock it
/// takes, keyed on the group (the job's first argument) instead.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class GroupMutexAttribute : JobFilterAttribute, IServerFilter
{
    private const string HandleKey = "GroupMutex";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public void OnPerforming(PerformingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var group = (string)context.BackgroundJob.Job.Args[0];
        context.Items[HandleKey] = context.Connection.AcquireDistributedLock(
            $"nanoclaw-peer-group:{group}",
            Timeout
        );
    }

    public void OnPerformed(PerformedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(HandleKey, out var handle))
            ((IDisposable)handle).Dispose();
    }
}
