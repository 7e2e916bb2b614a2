using System.Collections.Concurrent;
using NanoClaw.Runs;

namespace NanoClaw.Execution;

/// <summary>
/// The runs executing on this node, so an operator can see and cancel them. Cancelling through
/// here means "stopped by an admin" (<c>cancelled</c>); the daemon shutting down is told apart.
/// </summary>
internal sealed class ActiveRuns
{
    private readonly ConcurrentDictionary<string, Entry> _runs = new(StringComparer.Ordinal);

    public IReadOnlyList<RunRecord> Snapshot() => [.. _runs.Values.Select(e => e.Record)];

    /// <summary>Asks a running run to stop; false if it is not running on this node.</summary>
    public bool TryCancel(string runId)
    {
        if (!_runs.TryGetValue(runId, out var entry))
            return false;
        entry.AdminCancel.Cancel();
        return true;
    }

    internal Registration Register(RunRecord record, CancellationToken stopToken)
    {
        var adminCancel = new CancellationTokenSource();
        var linked = CancellationTokenSource.CreateLinkedTokenSource(adminCancel.Token, stopToken);
        _runs[record.Id] = new Entry(record, adminCancel);
        return new Registration(this, record.Id, adminCancel, linked);
    }

    private sealed record Entry(RunRecord Record, CancellationTokenSource AdminCancel);

    /// <summary>A run's place in the registry; disposing it removes the run.</summary>
    internal sealed class Registration(
        ActiveRuns owner,
        string runId,
        CancellationTokenSource adminCancel,
        CancellationTokenSource linked
    ) : IDisposable
    {
        public CancellationToken Token => linked.Token;

        public bool WasCancelledByAdmin => adminCancel.IsCancellationRequested;

        public void Dispose()
        {
            owner._runs.TryRemove(runId, out _);
            linked.Dispose();
            adminCancel.Dispose();
        }
    }
}
