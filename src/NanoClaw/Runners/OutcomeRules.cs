using NanoClaw.Runners.Output;
using NanoClaw.Runners.Processes;
using NanoClaw.Runs;

namespace NanoClaw.Runners;

/// <summary>
/// The contract's outcome rule, in one place for every runner: exit 0 and no structured
/// <c>"status":"error"</c> → succeeded; otherwise failed; killed at the timeout → timed_out;
/// stopped on request → cancelled.
/// </summary>
internal static class OutcomeRules
{
    public static RunOutcome Decide(ProcessResult process, RunRequest request, string? commandName)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentNullException.ThrowIfNull(request);
        var agent = AgentOutputParser.Parse(
            request.OutputFormat,
            process.SentinelJson,
            process.Stdout.Text,
            out var note
        );
        if (process.IsSentinelOversized)
            note =
                $"a structured output block over {SentinelScanner.MaxBlockBytes} bytes was ignored";
        var (status, error) = process switch
        {
            { StartError: { } start } => (RunStatus.Failed, start),
            { OutputError: { } output } => (RunStatus.Failed, output),
            { IsTimedOut: true } => (
                RunStatus.TimedOut,
                $"killed at its timeout of {request.Timeout:c}"
            ),
            { IsCancelled: true } => (RunStatus.Cancelled, "stopped on request"),
            { ExitCode: 0 } when agent?.IsError != true => (RunStatus.Succeeded, note),
            { ExitCode: 0 } => (RunStatus.Failed, agent!.Error ?? "the agent reported an error"),
            { ExitCode: 127 } => (
                RunStatus.Failed,
                $"exit code 127: '{commandName}' was not found (is it on the run's PATH?)"
            ),
            { ExitCode: 126 } => (
                RunStatus.Failed,
                $"exit code 126: '{commandName}' could not be executed (permissions?)"
            ),
            _ => (RunStatus.Failed, agent?.Error ?? $"exit code {process.ExitCode}"),
        };
        return new RunOutcome
        {
            Status = status,
            ExitCode = process.ExitCode,
            Stdout = process.Stdout,
            Stderr = process.Stderr,
            Agent = agent,
            Error = error,
            StartedAt = process.StartedAt,
            FinishedAt = process.FinishedAt,
        };
    }
}
