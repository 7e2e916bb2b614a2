using NanoClaw.Configuration;
using NanoClaw.Runners.Processes;

namespace NanoClaw.Runners.Host.Sandbox;

/// <summary>
/// Confines host-mode runs of non-main groups with bubblewrap (<c>NanoClaw:Host:Sandbox</c>): the
/// whole file system read-only; the data directory (run store, admin token) and other groups'
/// folders hidden; the group's folder and IPC folder writable; a private <c>/tmp</c>, PID and IPC
/// namespace; no network unless the group allows it. The sandbox dies with the daemon.
/// The main group is trusted and runs unconfined.
/// </summary>
internal sealed class BubblewrapSandbox(NanoClawOptions options, NanoClawPaths paths)
    : IHostArgvWrapper
{
    public const string MissingMessage =
        "the host sandbox needs bubblewrap, which is not installed: install it (e.g. 'apt-get install bubblewrap') "
        + "or set NanoClaw:Host:Sandbox=false to run non-main groups unconfined";

    private static readonly Lazy<string?> Bwrap = new(() => ExecutableSearch.Find("bwrap"));

    public static bool IsInstalled => Bwrap.Value is not null;

    public WrappedArgv Wrap(IReadOnlyList<string> argv, RunRequest request)
    {
        ArgumentNullException.ThrowIfNull(argv);
        ArgumentNullException.ThrowIfNull(request);
        if (!options.Host.Sandbox || request.Group.IsMain)
            return new WrappedArgv(argv, null);
        if (Bwrap.Value is not { } bwrap)
            return new WrappedArgv(null, MissingMessage);
        return new WrappedArgv([bwrap, .. Arguments(request), "--", .. argv], null);
    }

    private List<string> Arguments(RunRequest request)
    {
        var args = new List<string>
        {
            "--ro-bind",
            "/",
            "/",
            "--dev",
            "/dev",
            "--proc",
            "/proc",
            "--tmpfs",
            "/tmp",
            // Later mounts go on top: hide first, then open up what the run may use.
            "--tmpfs",
            paths.DataDir,
            "--tmpfs",
            paths.GroupsDir,
            "--ro-bind",
            request.GlobalDir,
            request.GlobalDir,
            "--bind",
            request.GroupDir,
            request.GroupDir,
            "--bind",
            request.IpcDir,
            request.IpcDir,
            "--chdir",
            request.GroupDir,
            "--unshare-pid",
            "--unshare-ipc",
            "--unshare-uts",
            // Without the daemon (or the supervisor) the sandbox has no reason to live.
            "--die-with-parent",
        };
        if (!request.Group.Network)
            args.Add("--unshare-net");
        return args;
    }
}
