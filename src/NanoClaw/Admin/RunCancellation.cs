using NanoClaw.Configuration;
using NanoClaw.Execution;
using NanoClaw.Runs;

namespace NanoClaw.Admin;

/// <summary>Cancels a run, running or queued: the one way the admin API and the dashboard do it.</summary>
internal sealed class RunCancellation(RunLookup lookup, ActiveRuns active, NanoClawOptions options)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan StartWindow = TimeSpan.FromSeconds(5);

    public async Task<RunCancelOutcome> CancelAsync(
        string runId,
        CancellationToken cancellationToken = default
    )
    {
        if (active.TryCancel(runId))
            return new(RunCancelResult.Cancelling);
        if (await lookup.UnqueueAsync(runId, cancellationToken))
            return new(RunCancelResult.Cancelled);
        // It may have started between the questions: between leaving the queue and registering as
        // running there is the write of its start, so look for it a little while.
        var deadline = DateTimeOffset.UtcNow + StartWindow;
        do
        {
            if (active.TryCancel(runId))
                return new(RunCancelResult.Cancelling);
            var state = await lookup.FindAsync(runId, cancellationToken);
            if (state.Record is { Status: not (RunStatus.Running or RunStatus.Queued) } ended)
                return new(RunCancelResult.AlreadyEnded, RunStatusNames.ToName(ended.Status));
            if (
                state.Record is { Status: RunStatus.Running } elsewhere
                && elsewhere.Node != options.NodeName
            )
                return new(RunCancelResult.RunningElsewhere, elsewhere.Node);
            if (state is { Record: null, IsQueued: false })
                return new(RunCancelResult.NotFound);
            await Task.Delay(PollInterval, cancellationToken);
        } while (DateTimeOffset.UtcNow < deadline);
        return new(RunCancelResult.Starting);
    }
}
