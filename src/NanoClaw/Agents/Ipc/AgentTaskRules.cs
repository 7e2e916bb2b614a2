using System.Globalization;
using NanoClaw.Configuration;
using NanoClaw.Jobs;
using NanoClaw.Jobs.Cron;

namespace NanoClaw.Agents.Ipc;

/// <summary>
/// What an agent task may be: what only the main group's agent may set (a mode, env, a longer
/// timeout), and the quotas every agent task keeps to (README, "Agents that schedule").
/// </summary>
internal static class AgentTaskRules
{
    /// <summary>Every reason the caller may not have this task; empty when it may.</summary>
    public static IEnumerable<string> Escalations(
        TaskDefinition task,
        AgentCaller caller,
        GroupDefinition target,
        NanoClawOptions options
    )
    {
        if (caller.IsMain)
            yield break;
        var groupMode = target.ExecutionMode ?? options.ExecutionMode;
        if (task.ExecutionMode is { } mode && mode != groupMode)
            yield return $"'executionMode' {Name(mode)} is not group '{target.Name}''s mode ({Name(groupMode)}): a task created by a non-main agent runs in its group's mode";
        if (task.Env.Count > 0)
            yield return "'env' can be set only by the main group's agent: a task created by a non-main agent gets its group's environment";
        var groupTimeout = target.Timeout ?? options.DefaultTimeout;
        if (task.Timeout is { } timeout && timeout > groupTimeout)
            yield return $"'timeout' {Text(timeout)} is longer than group '{target.Name}''s timeout ({Text(groupTimeout)}), which is the most a non-main agent may give its tasks";
    }

    /// <summary>Every quota the task exceeds; empty when it keeps to them.</summary>
    public static IEnumerable<string> QuotaProblems(TaskDefinition task, AgentsOptions agents)
    {
        if (
            task.Prompt is { } prompt
            && System.Text.Encoding.UTF8.GetByteCount(prompt) is var bytes
            && bytes > agents.MaxPromptBytes
        )
            yield return $"the prompt is {bytes} bytes, more than the {agents.MaxPromptBytes} an agent task may have (NanoClaw:Agents:MaxPromptBytes); put the material in the group folder and refer to it";
        // A retry fires again after a failure: it may not come sooner than the task itself could.
        if (task.Retry is { MaxAttempts: > 1 } retry && retry.Delay < agents.MinInterval)
            yield return $"'retry' waits {Text(retry.Delay)} before trying again, shorter than {Text(agents.MinInterval)}, the shortest period an agent task may fire at (NanoClaw:Agents:MinInterval)";
        if (task.Interval is { } interval && interval < agents.MinInterval)
            yield return $"'interval' {Text(interval)} is shorter than {Text(agents.MinInterval)}, the shortest period an agent task may fire at (NanoClaw:Agents:MinInterval)";
        if (task.Cron is { } cron)
        {
            var zone = task.TimeZone is null
                ? TimeZoneInfo.Utc
                : TimeZoneInfo.FindSystemTimeZoneById(task.TimeZone);
            var gap = CronGaps.Shortest(
                TaskCron.Parse(cron),
                zone,
                DateTimeOffset.UtcNow,
                agents.MinInterval
            );
            if (gap is { } shortest && shortest < agents.MinInterval)
                yield return $"'cron' {cron} fires {Text(shortest)} apart at times, more often than every {Text(agents.MinInterval)}, the shortest period an agent task may fire at (NanoClaw:Agents:MinInterval)";
        }
    }

    private static string Name(ExecutionMode mode) => mode.ToString().ToLowerInvariant();

    private static string Text(TimeSpan span) => span.ToString("c", CultureInfo.InvariantCulture);
}
