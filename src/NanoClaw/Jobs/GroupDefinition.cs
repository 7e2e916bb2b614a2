namespace NanoClaw.Jobs;

/// <summary>A group: one Quartz job, so at most one of its runs executes at a time.</summary>
public sealed record GroupDefinition
{
    public required string Name { get; init; }
    public bool IsMain { get; init; }
    public ExecutionMode? ExecutionMode { get; init; }
    public TimeSpan? Timeout { get; init; }
    public IReadOnlyDictionary<string, string> Env { get; init; } =
        new Dictionary<string, string>();

    /// <summary>Whether runs may reach the network (container network, host sandbox). Off unless allowed.</summary>
    public bool Network { get; init; }

    /// <summary>
    /// Whether sandboxed host runs see the host's <c>/run</c> and <c>$XDG_RUNTIME_DIR</c>, with their
    /// Unix sockets (docker, podman, D-Bus). Off unless allowed: a container engine's socket is control of the machine.
    /// </summary>
    public bool HostSockets { get; init; }

    public OutputFormat OutputFormat { get; init; } = OutputFormat.Sentinel;
    public ContainerSettings? Container { get; init; }

    /// <summary>How its tasks' failed runs are retried unless a task says otherwise.</summary>
    public RetryPolicy? Retry { get; init; }

    /// <summary>Where its tasks' events go unless a task says otherwise.</summary>
    public IReadOnlyList<NotifyTarget>? Notify { get; init; }
}
