using Hangfire.Common;
using Hangfire.Server;
using Hangfire.Storage;

namespace NanoClaw.Benchmarks.Peers.Hangfire;

/// <summary>
/// One run per group at a time. Hangfire's <c>DisableConcurrentExecution</c> locks on the job's
/// method, which is the same for every group; this takes the same storage-wide distributed lock it
/// takes, keyed on the group (the job's first argument) instead. The SQLite storage polls a held
/// lock every tenth of the timeout (it cannot be woken on Linux), so the timeout is short: a run
/// whose group stays busy for a second is skipped, and its task is enqueued again at the next tick.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class GroupMutexAttribute : JobFilterAttribute, IServerFilter
{
    private const string HandleKey = "GroupMutex";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    public void OnPerforming(PerformingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var group = (string)context.BackgroundJob.Job.Args[0];
        try
        {
            context.Items[HandleKey] = context.Connection.AcquireDistributedLock(
                $"nanoclaw-peer-group:{group}",
                Timeout
            );
        }
        catch (DistributedLockTimeoutException)
        {
            context.Canceled = true;
            TaskJob.Pending.TryRemove((string)context.BackgroundJob.Job.Args[1], out _);
        }
    }

    public void OnPerformed(PerformedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(HandleKey, out var handle))
            ((IDisposable)handle).Dispose();
    }
}
