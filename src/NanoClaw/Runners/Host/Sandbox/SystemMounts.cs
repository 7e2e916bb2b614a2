namespace NanoClaw.Runners.Host.Sandbox;

/// <summary>
/// The parts of the machine every sandboxed run sees, read-only: its programs and libraries, and
/// from <c>/etc</c> only what ordinary programs read. The rest of <c>/etc</c> (shadow, sudoers, SSH
/// host keys, TLS private keys, other daemons' settings) and <c>/home</c>, <c>/root</c>, <c>/var</c>,
/// <c>/srv</c>, <c>/opt</c>, <c>/mnt</c>, <c>/media</c>, <c>/run</c>, <c>/sys</c> stay out.
/// </summary>
internal static class SystemMounts
{
    // On merged-/usr systems the others are links into /usr and are recreated as links.
    private static readonly string[] ProgramDirs =
    [
        "/usr",
        "/bin",
        "/sbin",
        "/lib",
        "/lib32",
        "/lib64",
        "/libx32",
    ];

    private static readonly string[] EtcEntries =
    [
        // The dynamic linker finds libraries through these.
        "/etc/ld.so.cache",
        "/etc/ld.so.conf",
        "/etc/ld.so.conf.d",
        // User and group names (id, ls -l, git, ssh); the password hashes are in shadow, not here.
        "/etc/passwd",
        "/etc/group",
        // How glibc resolves names; hosts names the loopback, the only network without "network".
        "/etc/nsswitch.conf",
        "/etc/host.conf",
        "/etc/gai.conf",
        "/etc/hosts",
        // The local time zone (the zone files are under /usr).
        "/etc/localtime",
        "/etc/timezone",
        // The trusted TLS roots, never the private keys beside them.
        "/etc/ssl/certs",
        "/etc/ssl/openssl.cnf",
        "/etc/pki/tls/certs",
        "/etc/pki/ca-trust/extracted",
        // /usr/bin/awk, editor, java… are links through it.
        "/etc/alternatives",
        // Runtimes read which system this is.
        "/etc/os-release",
        // Where .NET apphosts look for the runtime.
        "/etc/dotnet",
    ];

    // The DNS servers: only a run with network can use them.
    private const string ResolvConf = "/etc/resolv.conf";

    public static void AddTo(BwrapArguments args, bool network)
    {
        foreach (var dir in ProgramDirs)
            AddEntry(args, dir);
        args.Add("--perms", "0755", "--dir", "/etc");
        foreach (var entry in network ? [.. EtcEntries, ResolvConf] : EtcEntries)
            AddEntry(args, entry);
    }

    /// <summary>A link whose target the run sees is recreated (programs read e.g. the zone name from /etc/localtime); otherwise what it points at is bound.</summary>
    private static void AddEntry(BwrapArguments args, string path)
    {
        var real = SandboxPath.Resolve(path);
        if (!SandboxPath.Exists(real))
            return;
        var link = new FileInfo(path).LinkTarget;
        if (link is not null && args.Shows(real))
            args.Symlink(link, path);
        else if (!args.Shows(real) || real != path)
            args.ReadOnly(real, path);
    }
}
