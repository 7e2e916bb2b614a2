using NanoClaw.Jobs;

namespace NanoClaw.Runners.Processes;

/// <summary>One process to run for a run: what, where, with what, for how long, and where its output goes.</summary>
internal sealed record ProcessSpec
{
    public required IReadOnlyList<string> Argv { get; init; }
    public required string WorkingDir { get; init; }

    /// <summary>The whole environment: nothing of the daemon's own is added.</summary>
    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    public required string Stdin { get; init; }
    public required TimeSpan Timeout { get; init; }
    public required TimeSpan KillGracePeriod { get; init; }
    public required string LogPath { get; init; }
    public required int MaxTailBytes { get; init; }

    /// <summary>The most the run's log file may hold; zero for no limit.</summary>
    public long MaxLogBytes { get; init; }
    public OutputFormat OutputFormat { get; init; } = OutputFormat.Sentinel;

    /// <summary>Run in a PID namespace of its own so that nothing of it survives its main process (host runs).</summary>
    public bool IsolatePids { get; init; }

    /// <summary>
    /// The argv already gives the run a PID namespace that ends with the command and dies with its
    /// parent (a sandboxed run's bubblewrap): the supervisor adds only the session, not a
    /// parent-death signal, namespace and shell of its own.
    /// </summary>
    public bool IsContained { get; init; }

    /// <summary>
    /// How to stop the run gracefully instead of SIGTERM to its process group (a container runtime's
    /// <c>stop</c>); the group still gets SIGKILL if it has not ended after the grace period.
    /// </summary>
    public Func<CancellationToken, Task>? GracefulStop { get; init; }
}
