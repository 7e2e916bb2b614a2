namespace NanoClaw.Runners.Processes;

/// <summary>
/// Wraps a run's argv so that nothing of it outlives the run or the daemon. The chain is exec'd in
/// place: <c>setpriv --pdeathsig HUP</c> (the kernel sends HUP when the daemon dies, even by
/// SIGKILL) → <c>setsid</c> (a new session: the run's tree is one process group the daemon can
/// signal, and a Ctrl+C at the daemon's terminal does not reach it) → for host runs,
/// <c>unshare --pid --fork --kill-child</c> (see <see cref="PidNamespace"/>) → a few lines of
/// <c>sh</c> that run the command in the background and, on HUP, kill the whole group.
/// A run whose argv contains itself (a sandboxed run's bubblewrap, which has its own PID namespace
/// and init, and with <c>--die-with-parent</c> sets its own parent-death signal) gets only
/// <c>setsid</c>: when the daemon dies the kernel kills bubblewrap, and its namespace goes with it.
/// That is three execs and two forks fewer per run (docs/BENCHMARKS.md, "What each candidate cost").
/// </summary>
internal static class Supervisor
{
    // stdin goes through fd 3 because sh gives a background job /dev/null as its stdin.
    // TERM and INT are caught (not ignored, which the command would inherit) so that this shell
    // outlives a graceful stop: the launcher watches it, and were it to die at the SIGTERM the whole
    // group would be SIGKILLed at once, leaving the command no grace period to clean up in.
    // A caught signal interrupts `wait`, so it waits again for as long as the command runs.
    // In a PID namespace this shell is its init: when it exits, the kernel kills every process
    // left in the namespace, including those that called setsid or double-forked.
    private const string Script = """
        exec 3<&0
        trap 'kill -KILL 0' HUP
        trap : TERM INT
        "$@" <&3 3<&- &
        child=$!
        exec 3<&-
        while :; do
          wait "$child"
          status=$?
          kill -0 "$child" 2>/dev/null || exit "$status"
        done
        """;

    // Resolved once, by absolute path: a run's own PATH may not contain them.
    private static readonly Lazy<string[]?> Prefix = new(() =>
        ExecutableSearch.Find("setpriv") is { } setpriv
        && ExecutableSearch.Find("setsid") is { } setsid
            ? [setpriv, "--pdeathsig", "HUP", "--", setsid]
            : null
    );

    private static readonly Lazy<string?> Shell = new(() => ExecutableSearch.Find("sh"));

    private static readonly Lazy<string?> Setsid = new(() => ExecutableSearch.Find("setsid"));

    /// <summary>Off Linux or without util-linux the argv runs as is: runs still work, but may outlive a killed daemon.</summary>
    /// <param name="argv">The command to run.</param>
    /// <param name="isolatePids">
    /// Run in a PID namespace of its own, so that the run ends with its main process. Not for a
    /// container runtime's CLI: it hands process ids to its own monitor, which must see the host's.
    /// </param>
    /// <param name="isContained">
    /// The argv gives itself a PID namespace that ends with the command, and dies with its parent
    /// (its parent-death signal set by itself, after the exec).
    /// </param>
    public static IReadOnlyList<string> Wrap(
        IReadOnlyList<string> argv,
        bool isolatePids = false,
        bool isContained = false
    )
    {
        ArgumentNullException.ThrowIfNull(argv);
        if (isContained && Setsid.Value is { } setsid)
            return [setsid, .. argv];
        if (Prefix.Value is not { } prefix || Shell.Value is not { } sh)
            return argv;
        IReadOnlyList<string> pids = isolatePids ? PidNamespace.Prefix ?? [] : [];
        return [.. prefix, .. pids, sh, "-c", Script, "nanoclaw-run", .. argv];
    }
}
