using System.Text.Json.Nodes;
using NanoClaw.Configuration;
using NanoClaw.Jobs;
using NanoClaw.Runners;
using NanoClaw.Runs;

namespace NanoClaw.Execution.Gates;

/// <summary>
/// Runs a prompt task's gate before its agent (README, "Gate scripts"). The gate is an ordinary
/// command run of the same request through the same runner, so it has the run's mode, sandbox or
/// container, environment and stdin; only its timeout and its log file are its own.
/// </summary>
internal sealed class GateCheck(NanoClawOptions options)
{
    /// <summary>The gate's log, next to the run's: <c>….log</c> becomes <c>….gate.log</c>.</summary>
    public static string LogPathFor(string runLogPath)
    {
        ArgumentNullException.ThrowIfNull(runLogPath);
        return Path.ChangeExtension(runLogPath, ".gate.log");
    }

    /// <summary>The request that runs <paramref name="task"/>'s gate in place of its agent.</summary>
    public RunRequest RequestFor(RunRequest run, TaskDefinition task)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(task);
        var timeout = task.GateTimeout ?? options.Agents.GateTimeout;
        return run with
        {
            Command = task.Gate,
            ReplacesEntrypoint = true,
            // A gate never outlives the run it belongs to.
            Timeout = timeout < run.Timeout ? timeout : run.Timeout,
            LogPath = LogPathFor(run.LogPath),
        };
    }

    public static async Task<GateResult> RunAsync(
        IRunner runner,
        RunRequest gate,
        string agentStdinJson,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(gate);
        var outcome = await runner.RunAsync(gate, cancellationToken);
        if (outcome.Status is RunStatus.Cancelled)
            return new GateResult { Final = outcome };
        if (outcome.Status is RunStatus.TimedOut)
            return Failed(
                outcome,
                $"gate: killed at its timeout of {gate.Timeout:c} (the task's gateTimeout, or NanoClaw:Agents:GateTimeout); the agent was not started"
            );
        if (outcome.ExitCode != 0)
            return Failed(
                outcome,
                $"gate: {outcome.Error ?? $"exit code {outcome.ExitCode}"}; the agent was not started"
            );
        if (
            GateDecision.Parse(outcome.Stdout.Text, outcome.Stdout.IsTruncated, out var error)
            is not { } decision
        )
            return Failed(outcome, $"gate: {error}; the agent was not started");
        if (!decision.Wake)
            return new GateResult
            {
                Final = outcome with
                {
                    Status = RunStatus.Skipped,
                    Agent = null,
                    Error = "skipped: the gate decided not to wake the agent",
                },
            };
        var stdin = JsonNode.Parse(agentStdinJson)!.AsObject();
        stdin["gateData"] = decision.Data;
        return new GateResult { AgentStdinJson = stdin.ToJsonString() };
    }

    private static GateResult Failed(RunOutcome outcome, string error) =>
        new() { Final = outcome with { Status = RunStatus.Failed, Agent = null, Error = error } };
}
