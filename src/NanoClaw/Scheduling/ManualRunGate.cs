namespace NanoClaw.Scheduling;

/// <summary>
/// Decides, once, whether a queued ad hoc run starts or is dropped. Quartz may already have taken
/// its trigger when an admin drops it: unscheduling then deletes the trigger but not the firing in
/// hand, which would run a run the admin was told was dropped. Both sides ask here, under one lock.
/// </summary>
internal sealed class ManualRunGate
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _started = new(StringComparer.Ordinal);
    private readonly HashSet<string> _dropped = new(StringComparer.Ordinal);

    /// <summary>The run may start: false if it was dropped first.</summary>
    public bool TryStart(string runId)
    {
        lock (_gate)
            return !_dropped.Contains(runId) && _started.Add(runId);
    }

    /// <summary>The run has ended; its id is forgotten.</summary>
    public void Finished(string runId)
    {
        lock (_gate)
            _started.Remove(runId);
    }

    /// <summary>The run will never start: false if it started first.</summary>
    public bool TryDrop(string runId)
    {
        lock (_gate)
        {
            if (_started.Contains(runId))
                return false;
            _dropped.Add(runId);
            return true;
        }
    }
}
