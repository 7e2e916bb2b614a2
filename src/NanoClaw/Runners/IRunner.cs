using NanoClaw.Jobs;

namespace NanoClaw.Runners;

/// <summary>
/// Executes one fully resolved run and reports how it ended. Runners know nothing of Quartz: they
/// never throw for a run's own failure (a missing binary, a timeout) but describe it in the outcome.
/// </summary>
public interface IRunner
{
    ExecutionMode Mode { get; }

    /// <summary>
    /// Runs <paramref name="request"/> to its end. Cancelling <paramref name="cancellationToken"/>
    /// stops the run (graceful, then forceful) and yields <see cref="Runs.RunStatus.Cancelled"/>.
    /// </summary>
    Task<RunOutcome> RunAsync(RunRequest request, CancellationToken cancellationToken = default);
}
