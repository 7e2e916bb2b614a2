namespace NanoClaw.Runs;

/// <summary>
/// Whether the run store takes writes, as the last record write that gave up left it. The scheduler
/// side watches it: while it is failing no new firing is taken, and <c>/healthz</c> says why.
/// </summary>
internal sealed class StoreHealth(string store)
{
    private readonly Lock _gate = new();
    private string? _problem;
    private TaskCompletionSource _failed = NewSignal();

    /// <summary>The store, as messages name it.</summary>
    public string Store { get; } = store;

    /// <summary>Why the store refuses writes, or null while it takes them.</summary>
    public string? Problem
    {
        get
        {
            lock (_gate)
                return _problem;
        }
    }

    public bool IsFailing => Problem is not null;

    /// <summary>
    /// Completes when a failure is reported (at once if one is reported and not yet recovered): what
    /// the watchdog sleeps on while the store is healthy, instead of checking it on a timer.
    /// </summary>
    public Task Failed
    {
        get
        {
            lock (_gate)
                return _failed.Task;
        }
    }

    public void ReportFailure(string problem)
    {
        lock (_gate)
        {
            _problem = problem;
            _failed.TrySetResult();
        }
    }

    public void ReportRecovered()
    {
        lock (_gate)
        {
            _problem = null;
            if (_failed.Task.IsCompleted)
                _failed = NewSignal();
        }
    }

    private static TaskCompletionSource NewSignal() =>
        new(TaskCreationOptions.RunContinuationsAsynchronously);
}
