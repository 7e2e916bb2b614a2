using NanoClaw.Configuration;
using NanoClaw.Jobs;
using NanoClaw.Runners;
using NanoClaw.Runs;
using Serilog.Context;

namespace NanoClaw.Execution;

/// <summary>
/// Runs one <see cref="RunPlan"/> end to end: records it as running, hands it to the runner its
/// mode selects, and records how it ended. A run's own failure never escapes as an exception.
/// </summary>
internal sealed class RunExecutor(
    RunRequestFactory requests,
    RunnerSelector runners,
    IRunStore store,
    ActiveRuns active,
    NanoClawOptions options,
    ILogger<RunExecutor> logger
)
{
    /// <param name="plan">What to run.</param>
    /// <param name="stopToken">Signalled when the daemon stops: the run ends <c>interrupted</c>.</param>
    public async Task<RunRecord> ExecuteAsync(RunPlan plan, CancellationToken stopToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        using var _ = LogContext.PushProperty("RunId", plan.RunId);
        using var __ = LogContext.PushProperty("Group", plan.Group.Name);
        using var ___ = LogContext.PushProperty("TaskId", plan.Task?.Id);

        var mode = requests.ModeOf(plan);
        var startedAt = DateTimeOffset.UtcNow;
        var continuesSession = plan.Task?.ContextMode == ContextMode.Group;
        var sessionId = continuesSession
            ? await store.GetSessionIdAsync(plan.Group.Name, stopToken)
            : null;
        var request = requests.Create(plan, mode, sessionId, startedAt);
        var record = new RunRecord
        {
            Id = plan.RunId,
            TaskId = plan.Task?.Id,
            Group = plan.Group.Name,
            Mode = mode,
            Trigger = plan.Trigger,
            Status = RunStatus.Running,
            ScheduledAt = plan.ScheduledAt,
            StartedAt = startedAt,
            Node = options.NodeName,
            LogPath = request.LogPath,
            FiringId = plan.FiringId.Length > 0 ? plan.FiringId : null,
        };
        await store.InsertAsync(record, stopToken);
        logger.LogInformation(
            "Run {RunId} started ({Mode}, {Trigger})",
            plan.RunId,
            mode,
            plan.Trigger
        );

        RunOutcome outcome;
        using (var registration = active.Register(record, stopToken))
        {
            outcome = await RunAsync(request, mode, startedAt, registration.Token);
            if (outcome.Status == RunStatus.Cancelled && !registration.WasCancelledByAdmin)
                outcome = outcome with
                {
                    Status = RunStatus.Interrupted,
                    Error = "the daemon stopped while this run was running",
                };
        }

        var finished = Complete(record, outcome);
        // Completing the record must not be skipped because the daemon is stopping.
        await store.CompleteAsync(finished, CancellationToken.None);
        if (continuesSession && outcome.Agent?.NewSessionId is { } newSession)
            await store.SaveSessionIdAsync(plan.Group.Name, newSession, CancellationToken.None);

        logger.LogInformation(
            "Run {RunId} {Status} (exit {ExitCode}) in {DurationMs} ms",
            finished.Id,
            finished.Status,
            finished.ExitCode,
            finished.DurationMs
        );
        return finished;
    }

    private async Task<RunOutcome> RunAsync(
        RunRequest request,
        ExecutionMode mode,
        DateTimeOffset startedAt,
        CancellationToken cancellationToken
    )
    {
        var runner = runners.For(mode);
        if (runner is null)
            return Failed(
                startedAt,
                $"no runner is available for execution mode '{mode.ToString().ToLowerInvariant()}'"
            );
        try
        {
            return await runner.RunAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Runners report a run's own failures in the outcome; anything thrown is a bug, recorded with context.
            logger.LogError(ex, "Runner {Mode} failed on run {RunId}", mode, request.RunId);
            return Failed(
                startedAt,
                $"internal error in the {mode.ToString().ToLowerInvariant()} runner: {ex.Message}"
            );
        }
    }

    private static RunOutcome Failed(DateTimeOffset startedAt, string error) =>
        new()
        {
            Status = RunStatus.Failed,
            Error = error,
            StartedAt = startedAt,
            FinishedAt = DateTimeOffset.UtcNow,
        };

    private static RunRecord Complete(RunRecord record, RunOutcome outcome) =>
        record with
        {
            Status = outcome.Status,
            ExitCode = outcome.ExitCode,
            FinishedAt = outcome.FinishedAt,
            DurationMs = (long)(outcome.FinishedAt - record.StartedAt).TotalMilliseconds,
            Result = outcome.Agent?.Result,
            Stdout = outcome.Stdout.Text,
            Stderr = outcome.Stderr.Text,
            StdoutTruncated = outcome.Stdout.IsTruncated,
            StderrTruncated = outcome.Stderr.IsTruncated,
            Error = outcome.Error,
        };
}
