using NanoClaw.Runners;

namespace NanoClaw.Execution.Gates;

/// <summary>How a gate ended: the run's final outcome if the agent is not started, or the agent's stdin.</summary>
internal sealed record GateResult
{
    /// <summary>Set when the agent must not start: skipped, or the gate failed, timed out or was stopped.</summary>
    public RunOutcome? Final { get; init; }

    /// <summary>Set when the agent is woken: its stdin object with <c>gateData</c> added.</summary>
    public string? AgentStdinJson { get; init; }
}
