namespace NanoClaw.Jobs;

/// <summary>
/// Linux capability names a run may be given back after <c>--cap-drop ALL</c>; written with or
/// without the <c>CAP_</c> prefix, in any case, and passed on in the runtime's own spelling.
/// </summary>
internal static class Capabilities
{
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "CHOWN",
        "DAC_OVERRIDE",
        "DAC_READ_SEARCH",
        "FOWNER",
        "FSETID",
        "KILL",
        "SETGID",
        "SETUID",
        "SETPCAP",
        "LINUX_IMMUTABLE",
        "NET_BIND_SERVICE",
        "NET_BROADCAST",
        "NET_ADMIN",
        "NET_RAW",
        "IPC_LOCK",
        "IPC_OWNER",
        "SYS_MODULE",
        "SYS_RAWIO",
        "SYS_CHROOT",
        "SYS_PTRACE",
        "SYS_PACCT",
        "SYS_ADMIN",
        "SYS_BOOT",
        "SYS_NICE",
        "SYS_RESOURCE",
        "SYS_TIME",
        "SYS_TTY_CONFIG",
        "MKNOD",
        "LEASE",
        "AUDIT_WRITE",
        "AUDIT_CONTROL",
        "SETFCAP",
        "MAC_OVERRIDE",
        "MAC_ADMIN",
        "SYSLOG",
        "WAKE_ALARM",
        "BLOCK_SUSPEND",
        "AUDIT_READ",
        "PERFMON",
        "BPF",
        "CHECKPOINT_RESTORE",
    };

    /// <returns><c>CAP_NAME</c>, or null when <paramref name="name"/> is no Linux capability.</returns>
    public static string? Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var upper = name.Trim().ToUpperInvariant();
        var bare = upper.StartsWith("CAP_", StringComparison.Ordinal) ? upper[4..] : upper;
        return Known.Contains(bare) ? $"CAP_{bare}" : null;
    }

    public static string Invalid(string name) =>
        $"'{name}' is not a Linux capability (e.g. NET_BIND_SERVICE or CAP_CHOWN; ALL is not allowed)";
}
