using NanoClaw.Configuration;
using NanoClaw.Runners.Processes;

namespace NanoClaw.Runners.Host.Sandbox;

/// <summary>
/// Confines host-mode runs of non-main groups with bubblewrap (<c>NanoClaw:Host:Sandbox</c>). A run
/// gets a new root built from what it needs (README, "host: a native subprocess"): the system's
/// programs and a few files of <c>/etc</c> read-only, the agent's program and runtime read-only,
/// its group folder and IPC folder writable, <c>groups/global</c> read-only, and at the same paths
/// as outside, so the protocol is unchanged. Everything else (working folder, data folder, other
/// groups, the home, <c>/run</c> and its sockets) is absent. In a user namespace with every
/// capability dropped and no new privileges, so a root daemon's run cannot undo its mounts; its
/// own PID, IPC and UTS namespaces; no network unless the group allows it. It dies with the daemon.
/// The main group is trusted and runs unconfined.
/// </summary>
internal sealed class BubblewrapSandbox(NanoClawOptions options, NanoClawPaths paths)
    : IHostArgvWrapper
{
    public const string MissingMessage =
        "the host sandbox needs bubblewrap, which is not installed: install it (e.g. 'apt-get install bubblewrap') "
        + "or set NanoClaw:Host:Sandbox=false to run non-main groups unconfined";

    private static readonly Lazy<string?> Bwrap = new(() => ExecutableSearch.Find("bwrap"));

    private readonly Lazy<ConfidentialPaths> _hidden = new(() =>
        ConfidentialPaths.From(options, paths)
    );

    public static bool IsInstalled => Bwrap.Value is not null;

    public WrappedArgv Wrap(IReadOnlyList<string> argv, RunRequest request)
    {
        ArgumentNullException.ThrowIfNull(argv);
        ArgumentNullException.ThrowIfNull(request);
        if (!options.Host.Sandbox || request.Group.IsMain)
            return new WrappedArgv(argv, null);
        if (Bwrap.Value is not { } bwrap)
            return new WrappedArgv(null, MissingMessage);
        return new WrappedArgv(
            [bwrap, .. Arguments(request).Args, "--", .. argv],
            null,
            IsContained: true
        );
    }

    private BwrapArguments Arguments(RunRequest request)
    {
        var hidden = _hidden.Value;
        var args = new BwrapArguments();
        // A user namespace of its own: capabilities there are nothing on the host, and dropping
        // them all leaves even a root daemon's run unable to mount, unmount or remount.
        args.Add("--unshare-user", "--cap-drop", "ALL");
        if (BwrapFeatures.CanDisableUserNamespaces)
            args.Add("--disable-userns");
        // Its own PID namespace, with bubblewrap's init as pid 1 and the command as its child: when
        // the command exits, the init exits and the kernel kills whatever is left in the namespace,
        // escaped (setsid, double-forked) or not. The launcher relies on this (IsContained).
        args.Add("--unshare-pid", "--unshare-ipc", "--unshare-uts");
        if (!request.Group.Network)
            args.Add("--unshare-net");
        // Without the daemon the sandbox has no reason to live: bubblewrap asks the kernel to kill it
        // when its parent (the daemon's spawning thread) dies, and its init likewise with it. The
        // supervisor adds no parent-death signal of its own in front (IsContained).
        args.Add("--die-with-parent");

        // Scratch space that starts empty and hides the host's (sockets in /tmp, secrets in the home).
        args.Tmpfs("/tmp");
        if (hidden.HomeDir is { } home && home != "/")
            args.Tmpfs(home);
        // /proc read-only: its files (sysctls among them) let the host's uid 0 write by mode alone, capabilities or not.
        args.Add("--dev", "/dev", "--proc", "/proc", "--remount-ro", "/proc");

        SystemMounts.AddTo(args, request.Group.Network);
        ProgramMounts.AddRuntime(args, options, hidden);
        ProgramMounts.AddSearchPath(
            args,
            [
                Environment.GetEnvironmentVariable("PATH"),
                request.Group.Env.GetValueOrDefault("PATH"),
            ],
            hidden
        );
        if (request.Group.HostSockets)
            HostSocketMounts.AddTo(args, hidden);
        Cover(args, hidden);

        args.Writable(request.GroupDir);
        args.Writable(request.IpcDir);
        args.ReadOnly(request.GlobalDir, request.GlobalDir);
        args.Add("--remount-ro", "/", "--chdir", request.GroupDir);
        return args;
    }

    /// <summary>Covers whatever confidential lies inside a folder bound so far.</summary>
    private static void Cover(BwrapArguments args, ConfidentialPaths hidden)
    {
        var binds = args.Binds.ToList();
        foreach (var confidential in hidden.All())
        foreach (var (real, dest) in binds)
        {
            if (!SandboxPath.IsStrictlyUnder(confidential, real))
                continue;
            var at = Path.Join(dest, Path.GetRelativePath(real, confidential));
            if (Directory.Exists(confidential))
                args.Tmpfs(at);
            else
                args.Blank(at);
        }
    }
}
