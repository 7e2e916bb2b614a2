using System.Text.Json.Nodes;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Sandbox;

/// <summary>A sandboxed run keeps none of a root daemon's privileges: no capabilities, no way to undo its mounts.</summary>
public sealed class SandboxPrivilegeSpec
{
    private const string Status = """
        grep -E '^(CapInh|CapPrm|CapEff|CapBnd|CapAmb|NoNewPrivs):' /proc/self/status | tr -d ' \t' | tr : =
        echo "uid=$(id -u)"
        """;

    // Only ever run inside the sandbox: unconfined as root these would change the machine.
    private const string Escape = """
        try 'umount /tmp' umount_tmp
        try 'umount -l /proc' umount_proc
        try 'umount "$HOME"' umount_home
        try 'mount -t tmpfs none "$NANOCLAW_GROUP_DIR"' mount
        try 'mount -o remount,rw /' remount_root
        try 'mount -o remount,rw /usr' remount_usr
        try 'mount --bind / "$NANOCLAW_GROUP_DIR"' bind
        try 'v=$(cat /proc/sys/vm/swappiness) && echo "$v" > /proc/sys/vm/swappiness' sysctl
        try 'echo x > /proc/self/comm' proc
        try 'touch /usr/nanoclaw-probe' usr
        try 'touch /nanoclaw-probe' root
        try 'unshare --user --map-root-user --mount true' userns
        try 'chown 1:1 "$NANOCLAW_GROUP_DIR"' chown
        """;

    [Fact(Timeout = 90_000)]
    public async Task A_sandboxed_run_of_a_root_daemon_has_no_capabilities_and_cannot_mount_remount_or_write_sysctls()
    {
        RequireTool.OnPath("bwrap", "apt-get install bubblewrap");
        using var workspace = new Workspace(settings =>
            settings["Host"] = new JsonObject { ["Sandbox"] = true }
        );
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("main", isMain: true)
                .Group("guest")
                .ShellTask("status-main", "main", Status)
                .ShellTask(
                    "escape-guest",
                    "guest",
                    string.Join("\n", Status, SandboxProbe.Prelude, Escape)
                )
                .ToString()
        );
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();

        var guest = await SandboxProbe.RunAsync(workspace, "escape-guest");
        var main = await SandboxProbe.RunAsync(workspace, "status-main");

        foreach (var set in new[] { "CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb" })
            Assert.True(guest[set] == "0000000000000000", $"{set} is {guest[set]} in the sandbox");
        Assert.Equal("1", guest["NoNewPrivs"]);
        foreach (
            var attempt in new[]
            {
                "umount_tmp",
                "umount_proc",
                "umount_home",
                "mount",
                "remount_root",
                "remount_usr",
                "bind",
                "sysctl",
                "proc",
                "usr",
                "root",
                "userns",
                "chown",
            }
        )
            Assert.True(guest[attempt] == "no", $"a sandboxed run could {attempt}");
        // The run keeps the daemon's uid: files it leaves are the daemon user's, as without the sandbox.
        Assert.Equal(main["uid"], guest["uid"]);
        if (Environment.IsPrivilegedProcess)
            Assert.NotEqual("0000000000000000", main["CapEff"]);
        Assert.False(File.Exists("/usr/nanoclaw-probe"));
        Assert.False(File.Exists("/nanoclaw-probe"));
    }

    [Fact(Timeout = 60_000)]
    public async Task Validate_says_what_running_as_root_means_for_each_kind_of_run()
    {
        Assert.SkipUnless(
            Environment.IsPrivilegedProcess,
            "this says what root means: run it as root"
        );
        using var workspace = new Workspace(settings =>
            settings["Host"] = new JsonObject { ["Sandbox"] = true }
        );
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("main", isMain: true)
                .Group("guest")
                .Group("boxed", mode: "container")
                .ToString()
        );
        var sandboxed = await workspace.CliAsync("validate");
        var unconfined = await workspace.CliAsync("validate", "--NanoClaw:Host:Sandbox=false");

        Assert.Equal(0, sandboxed.ExitCode);
        Assert.Contains(
            "warning: running as root: the main group's host-mode runs (main) run as root, unconfined",
            sandboxed.Stderr,
            StringComparison.Ordinal
        );
        Assert.Contains(
            "note: running as root: host-mode runs of group(s) guest are sandboxed with no capabilities",
            sandboxed.Stderr,
            StringComparison.Ordinal
        );
        Assert.Contains(
            "note: running as root: container-mode runs use an unprivileged user (uid:gid), never root: boxed as 65534:65534",
            sandboxed.Stderr,
            StringComparison.Ordinal
        );
        Assert.Contains(
            "warning: running as root: with NanoClaw:Host:Sandbox=false, host-mode runs of group(s) guest run as root, unconfined",
            unconfined.Stderr,
            StringComparison.Ordinal
        );
        Assert.DoesNotContain(
            "sandboxed with no capabilities",
            unconfined.Stderr,
            StringComparison.Ordinal
        );
    }
}
