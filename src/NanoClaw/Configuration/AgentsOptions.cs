namespace NanoClaw.Configuration;

/// <summary><c>NanoClaw:Agents</c>: what agents may do beyond running (README, "Agents that schedule").</summary>
public sealed class AgentsOptions
{
    /// <summary>How long a task's gate script may run unless the task sets <c>gateTimeout</c>.</summary>
    public TimeSpan GateTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
