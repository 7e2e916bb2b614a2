using System.Collections.Concurrent;

namespace NanoClaw.Benchmarks.Peers.Hangfire;

/// <summary>A task's run, as a Hangfire background job; the tick skips a task whose previous run has not ended.</summary>
internal static class TaskJob
{
    /// <summary>Set once before the server starts: Hangfire calls the job with its arguments only.</summary>
    public static PeerWorkload Workload { get; set; } = null!;

    public static PeerRunLog Log { get; set; } = null!;

    /// <summary>Tasks enqueued and not yet ended, as a recurring trigger does not fire again while its run is due.</summary>
    public static ConcurrentDictionary<string, bool> Pending { get; } = new();

    [GroupMutex]
    public static void Run(string group, string task, long scheduledMs)
    {
        try
        {
            PeerCommand.Run(Workload, Log, task, group, scheduledMs);
        }
        finally
        {
            Pending.TryRemove(task, out _);
        }
    }
}
