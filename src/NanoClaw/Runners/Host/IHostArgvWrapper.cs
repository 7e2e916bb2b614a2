namespace NanoClaw.Runners.Host;

/// <summary>Rewrites a host run's argv before it starts, e.g. to confine it in a sandbox.</summary>
internal interface IHostArgvWrapper
{
    /// <returns>The argv to run, or an error that fails the run (e.g. the sandbox tool is missing).</returns>
    WrappedArgv Wrap(IReadOnlyList<string> argv, RunRequest request);
}

/// <param name="Argv">The argv to run; null with an error.</param>
/// <param name="Error">Why the run is refused.</param>
/// <param name="IsContained">
/// The argv starts a PID namespace of its own whose init ends the namespace when the command exits,
/// and dies with its parent (bubblewrap's <c>--unshare-pid --die-with-parent</c>): the run needs no
/// namespace and shell of the supervisor's in front (see <see cref="Processes.Supervisor"/>).
/// </param>
internal readonly record struct WrappedArgv(
    IReadOnlyList<string>? Argv,
    string? Error,
    bool IsContained = false
);
