namespace NanoClaw.Execution;

/// <summary>
/// Runs from their start until everything that follows them is done: the final record, the retry
/// it queues, its notifications. A stopping daemon waits for these too, not only for the
/// processes (<see cref="ActiveRuns"/>): a retry queued after the scheduler shut down would be lost.
/// </summary>
internal sealed class FinishingRuns
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public IDisposable Track()
    {
        Interlocked.Increment(ref _count);
        return new Release(this);
    }

    private sealed class Release(FinishingRuns owner) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                Interlocked.Decrement(ref owner._count);
        }
    }
}
