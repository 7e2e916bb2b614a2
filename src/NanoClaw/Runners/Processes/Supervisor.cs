namespace NanoClaw.Runners.Processes;

/// <summary>
/// Wraps a run's argv so that nothing of it can outlive the daemon. The chain is exec'd in place:
/// <c>setpriv --pdeathsig HUP</c> (the kernel sends HUP when the daemon dies, even by SIGKILL) →
/// <c>setsid</c> (a new session: the run's tree is one process group the daemon can signal, and a
/// Ctrl+C at the daemon's terminal does not reach it) → a few lines of <c>sh</c> that run the command
/// in the background and, on HUP, kill the whole group — grandchildren included, which a
/// parent-death signal alone would miss.
/// </summary>
internal static class Supervisor
{
    // stdin goes through fd 3 because sh gives a background job /dev/null as its stdin.
    // TERM and INT are caught (not ignored, which the command would inherit) so that this shell
    // outlives a graceful stop: the launcher watches it, and were it to die at the SIGTERM the whole
    // group would be SIGKILLed at once, leaving the command no grace period to clean up in.
    // A caught signal interrupts `wait`, so it waits again for as long as the command runs.
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
        && ExecutableSearch.Find("sh") is { } sh
            ? [setpriv, "--pdeathsig", "HUP", "--", setsid, sh, "-c", Script, "nanoclaw-run"]
            : null
    );

    /// <summary>Off Linux or without util-linux the argv runs as is: runs still work, but may outlive a killed daemon.</summary>
    public static IReadOnlyList<string> Wrap(IReadOnlyList<string> argv) =>
        Prefix.Value is { } prefix ? [.. prefix, .. argv] : argv;
}
