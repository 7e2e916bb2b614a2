namespace NanoClaw.Configuration;

/// <summary><c>NanoClaw:Agents</c>: the quotas on tasks agents create through their IPC folder, and how long gate scripts may run (README, "Agents that schedule").</summary>
public sealed class AgentsOptions
{
    /// <summary>Agent-created tasks one group may hold.</summary>
    public int MaxTasksPerGroup { get; init; } = 25;

    /// <summary>The shortest period between two fire times of an agent task (interval or cron).</summary>
    public TimeSpan MinInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The longest prompt of an agent task, in UTF-8 bytes. A prompt is an instruction, not the data
    /// it works on (that belongs in the group folder); 16 KiB holds several pages of instructions and
    /// keeps well below the 64 KiB a whole request may be.
    /// </summary>
    public int MaxPromptBytes { get; init; } = 16 * 1024;

    /// <summary>How long a task's gate script may run unless the task sets <c>gateTimeout</c>.</summary>
    public TimeSpan GateTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
