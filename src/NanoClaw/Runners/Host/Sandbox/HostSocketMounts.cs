namespace NanoClaw.Runners.Host.Sandbox;

/// <summary>
/// A group's opt-in <c>hostSockets</c>: the host's <c>/run</c> (and <c>/var/run</c>) and the daemon's
/// <c>$XDG_RUNTIME_DIR</c>, read-only, which still lets the run connect to the Unix sockets there
/// (docker, podman, D-Bus) but not create or remove anything.
/// </summary>
internal static class HostSocketMounts
{
    public static void AddTo(BwrapArguments args, ConfidentialPaths hidden)
    {
        if (Directory.Exists("/run"))
            args.ReadOnly("/run", "/run");
        if (new DirectoryInfo("/var/run").LinkTarget is { } link)
            args.Symlink(link, "/var/run");
        else if (Directory.Exists("/var/run"))
            args.ReadOnly("/var/run", "/var/run");
        if (
            hidden.RuntimeDir is { } runtimeDir
            && Directory.Exists(runtimeDir)
            && !args.Shows(runtimeDir)
        )
            args.ReadOnly(runtimeDir, runtimeDir);
    }
}
