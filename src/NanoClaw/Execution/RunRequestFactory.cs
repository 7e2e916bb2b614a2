using System.Text.Json;
using NanoClaw.Configuration;
using NanoClaw.Jobs;
using NanoClaw.Runners;

namespace NanoClaw.Execution;

/// <summary>Resolves a <see cref="RunPlan"/> into a runner's request: mode, timeout, environment, paths, stdin.</summary>
internal sealed class RunRequestFactory(NanoClawOptions options, NanoClawPaths paths)
{
    private static readonly JsonSerializerOptions StdinJsonOptions = new(
        JsonSerializerDefaults.Web
    );

    public ExecutionMode ModeOf(RunPlan plan) =>
        plan.ModeOverride
        ?? plan.Task?.ExecutionMode
        ?? plan.Group.ExecutionMode
        ?? options.ExecutionMode;

    public RunRequest Create(
        RunPlan plan,
        ExecutionMode mode,
        string? sessionId,
        DateTimeOffset startedAt
    )
    {
        ArgumentNullException.ThrowIfNull(plan);
        var group = plan.Group;
        var command = plan.Command ?? plan.Task?.Command;
        var prompt = plan.Command is null ? plan.Task?.Prompt : null;
        var stdin = new StdinPayload(
            plan.Task?.Id,
            plan.RunId,
            group.Name,
            prompt,
            group.IsMain,
            IsScheduledTask: plan.Task is not null,
            sessionId
        );
        var logName =
            $"{mode.ToString().ToLowerInvariant()}-{startedAt.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}-{plan.RunId}.log";
        return new RunRequest
        {
            RunId = plan.RunId,
            TaskId = plan.Task?.Id,
            Group = group,
            Command = command,
            Prompt = prompt,
            StdinJson = JsonSerializer.Serialize(stdin, StdinJsonOptions),
            Environment = BuildEnvironment(group, plan.Task, mode),
            GroupDir = paths.GroupDir(group.Name),
            GlobalDir = paths.GlobalDir,
            IpcDir = paths.IpcDir(group.Name),
            LogPath = Path.Combine(paths.GroupLogsDir(group.Name), logName),
            Timeout =
                plan.TimeoutOverride
                ?? plan.Task?.Timeout
                ?? group.Timeout
                ?? options.DefaultTimeout,
        };
    }

    /// <summary>Only allow-listed daemon variables, then the group's and the task's own (later wins).</summary>
    /// <remarks>
    /// A container keeps its image's own PATH and HOME: the host's would point at folders the image
    /// does not have. A group or task can still set them explicitly.
    /// </remarks>
    private Dictionary<string, string> BuildEnvironment(
        GroupDefinition group,
        TaskDefinition? task,
        ExecutionMode mode
    )
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in options.Host.EffectiveAllowedEnvironment)
        {
            if (mode == ExecutionMode.Container && name is "PATH" or "HOME")
                continue;
            if (Environment.GetEnvironmentVariable(name) is { } value)
                env[name] = value;
        }
        foreach (var (name, value) in group.Env)
            env[name] = value;
        foreach (var (name, value) in task?.Env ?? new Dictionary<string, string>())
            env[name] = value;
        return env;
    }

    /// <summary>The protocol's stdin object (contract §3); nulls are written, not left out.</summary>
    private sealed record StdinPayload(
        string? TaskId,
        string RunId,
        string Group,
        string? Prompt,
        bool IsMain,
        bool IsScheduledTask,
        string? SessionId
    );
}
