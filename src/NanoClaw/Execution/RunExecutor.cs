using NanoClaw.Configuration;
using NanoClaw.Execution.Gates;
using NanoClaw.Jobs;
using NanoClaw.Runners;
using NanoClaw.Runs;
using NanoClaw.Telemetry;
using Serilog.Context;

namespace NanoClaw.Execution;

/// <summary>
/// Runs one <see cref="RunPlan"/> end to end: records it as running, hands it to the runner its
/// mode selects, and records how it ended. A run's own failure never escapes as an exception.
/// </summary>
internal sealed class RunExecutor(
    RunRequestFactory requests,
    GateCheck gates,
    RunnerSelector runners,
    IRunStore store,
    RecordWrites writes,
    StoreHealth health,
    HeldRecords held,
    ActiveRuns active,
    RunFollowUp followUp,
    FinishingRuns finishing,
    NanoClawOptions options,
    NanoClawMetrics metrics,
    ILogger<RunExecutor> logger
)
{
    /// <param name="plan">What to run.</param>
    /// <param name="stopToken">Signalled when the daemon stops: the run ends <c>interrupted</c>.</param>
    public async Task<RunRecord> ExecuteAsync(RunPlan plan, CancellationToken stopToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        using var tracked = finishing.Track();
        using var _ = LogContext.PushProperty("RunId", plan.RunId);
        using var __ = LogContext.PushProperty("Group", plan.Group.Name);
        using var ___ = LogContext.PushProperty("TaskId", plan.Task?.Id);
        using var activity = NanoClawTracing.StartRun(plan);

        var mode = requests.ModeOf(plan);
        var startedAt = DateTimeOffset.UtcNow;
        var continuesSession = plan.Task?.ContextMode == ContextMode.Group;
        var sessionId = continuesSession
            ? await store.GetSessionIdAsync(plan.Group.Name, stopToken)
            : null;
        var request = requests.Create(plan, mode, sessionId, startedAt);
        var gate = plan.Task is { Gate: not null } gated ? gates.RequestFor(request, gated) : null;
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
            // While a gate runs, its log is the run's; the agent's replaces it if the agent is woken.
            LogPath = gate?.LogPath ?? request.LogPath,
            FiringId = plan.FiringId.Length > 0 ? plan.FiringId : null,
            Attempt = plan.Attempt,
            RetryOf = plan.RetryOf,
            // What the run is handed, kept with it: a later edit of the task or session does not rewrite history.
            Prompt = request.Prompt,
            SessionId = sessionId,
        };
        if (
            await writes.TryAsync(
                $"the start of run {plan.RunId}",
                token => store.InsertAsync(record, token),
                stopToken
            ) is
            { } insertError
        )
            return NotStarted(record, insertError);
        logger.LogInformation(
            "Run {RunId} of task {TaskId} in group {Group} started ({Mode}, {Trigger})",
            plan.RunId,
            plan.Task?.Id ?? "(exec)",
            plan.Group.Name,
            mode,
            plan.Trigger
        );
        metrics.RunStarted(record);

        RunOutcome outcome;
        string logPath;
        using (var registration = active.Register(record, stopToken))
        {
            (outcome, logPath) = await RunAsync(record, request, gate, mode, registration.Token);
            if (outcome.Status == RunStatus.Cancelled && !registration.WasCancelledByAdmin)
                outcome = outcome with
                {
                    Status = RunStatus.Interrupted,
                    Error = "the daemon stopped while this run was running",
                };
        }

        var finished = Complete(record with { LogPath = logPath }, outcome);
        metrics.RunFinished(finished);
        NanoClawTracing.Finish(activity, finished);
        // Completing the record must not be skipped because the daemon is stopping.
        if (
            await writes.TryAsync(
                $"the end of run {finished.Id}",
                token => store.CompleteAsync(finished, token),
                CancellationToken.None
            ) is
            { } completeError
        )
            HoldBack(finished, completeError);
        else if (
            continuesSession
            && outcome.Agent?.NewSessionId is { } newSession
            && await writes.TryAsync(
                $"the session of group {plan.Group.Name}",
                token => store.SaveSessionIdAsync(plan.Group.Name, newSession, token),
                CancellationToken.None
            )
                is { } sessionError
        )
            GiveUp(
                sessionError,
                $"the next run of group {plan.Group.Name} starts a new session instead of continuing {newSession}"
            );

        logger.LogInformation(
            "Run {RunId} of task {TaskId} in group {Group} {Status} (exit {ExitCode}) in {DurationMs} ms",
            finished.Id,
            finished.TaskId ?? "(exec)",
            finished.Group,
            finished.Status,
            finished.ExitCode,
            finished.DurationMs
        );
        await followUp.AfterAsync(plan, finished, outcome.Agent);
        return finished;
    }

    /// <summary>What cannot be recorded is not executed: the run never starts.</summary>
    private RunRecord NotStarted(RunRecord record, Exception error)
    {
        var finishedAt = DateTimeOffset.UtcNow;
        var failed = record with
        {
            Status = RunStatus.Failed,
            FinishedAt = finishedAt,
            DurationMs = (long)(finishedAt - record.StartedAt).TotalMilliseconds,
            Error = $"not started: the run store refused to record its start ({error.Message})",
        };
        // Kept like a finished run's record, so the refused run shows up once the store is back.
        HoldBack(failed, error);
        return failed;
    }

    /// <summary>Keeps a final record the store refused, to be written when it takes writes again.</summary>
    private void HoldBack(RunRecord finished, Exception error)
    {
        var spoolProblem = held.Hold(finished);
        GiveUp(
            error,
            spoolProblem is null
                ? $"run {finished.Id} ({RunStatusNames.ToName(finished.Status)}) is kept in {held.Folder} and recorded once the store takes writes"
                : $"run {finished.Id} ({RunStatusNames.ToName(finished.Status)}) is kept in memory only ({spoolProblem}): it is lost if the daemon stops before the store takes writes"
        );
    }

    private void GiveUp(Exception error, string consequence)
    {
        health.ReportFailure(error.Message);
        logger.LogError(
            "The run store {Store} refuses writes: {Error}. No new run starts until it takes writes again; {Consequence}",
            health.Store,
            error.Message,
            consequence
        );
    }

    /// <returns>How the run ended, and the log that shows it: the gate's if the agent was not started.</returns>
    private async Task<(RunOutcome Outcome, string LogPath)> RunAsync(
        RunRecord running,
        RunRequest request,
        RunRequest? gate,
        ExecutionMode mode,
        CancellationToken cancellationToken
    )
    {
        var startedAt = running.StartedAt;
        var runner = runners.For(mode);
        var logPath = gate?.LogPath ?? request.LogPath;
        if (runner is null)
            return (
                Failed(
                    startedAt,
                    $"no runner is available for execution mode '{mode.ToString().ToLowerInvariant()}'"
                ),
                logPath
            );
        try
        {
            if (gate is not null)
            {
                var verdict = await GateCheck.RunAsync(
                    runner,
                    gate,
                    request.StdinJson,
                    cancellationToken
                );
                if (verdict.Final is { } stopped)
                    return (stopped, logPath);
                request = request with { StdinJson = verdict.AgentStdinJson! };
                logPath = request.LogPath;
                await NoteLogAsync(running with { LogPath = logPath });
            }
            return (await runner.RunAsync(request, cancellationToken), logPath);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Runners report a run's own failures in the outcome; anything thrown is a bug, recorded with context.
            logger.LogError(ex, "Runner {Mode} failed on run {RunId}", mode, request.RunId);
            return (
                Failed(
                    startedAt,
                    $"internal error in the {mode.ToString().ToLowerInvariant()} runner: {ex.Message}"
                ),
                logPath
            );
        }
    }

    /// <summary>
    /// Readers of a running run (<c>logs</c>, <c>--follow</c>) find its log through the store: once a
    /// gate has woken the agent, they are pointed at the agent's. Best effort, one try: if the store
    /// refuses, they see the gate's log until the run's final record names the agent's.
    /// </summary>
    private async Task NoteLogAsync(RunRecord running)
    {
        try
        {
            await store.InsertAsync(running, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(
                "Run {RunId}: could not record that its agent logs to {LogPath}: {Error}",
                running.Id,
                running.LogPath,
                ex.Message
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
            NewSessionId = outcome.Agent?.NewSessionId,
        };
}
