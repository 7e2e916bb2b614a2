using System.Text.Json;
using System.Text.Json.Nodes;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Sandbox;

/// <summary>NanoClaw:Host:Sandbox on real bubblewrap, through the daemon.</summary>
public sealed class HostSandboxSpec
{
    // What a run tries: write its folder, /tmp, the workspace, /etc; read the admin token; list network interfaces.
    private const string Probe = """
        try() { if eval "$1" >/dev/null 2>&1; then echo "$2=yes"; else echo "$2=no"; fi; }
        try 'echo x > inside.txt' group
        try 'echo x > /tmp/nanoclaw-sandbox-probe-$NANOCLAW_RUN_ID' tmp
        try 'echo x > ../../outside-$NANOCLAW_GROUP.txt' workspace
        try 'touch /etc/nanoclaw-probe && rm /etc/nanoclaw-probe' etc
        try 'cat ../../data/admin.token' token
        echo "interfaces=$(tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' ' | sort | tr '\n' ,)"
        """;

    [Fact(Timeout = 120_000)]
    public async Task A_non_main_run_is_confined_to_its_folders_without_network_and_main_is_not()
    {
        RequireTool.OnPath("bwrap", "apt-get install bubblewrap");
        using var workspace = new Workspace(settings =>
            settings["Host"] = new JsonObject { ["Sandbox"] = true }
        );
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("main", isMain: true)
                .Group("guest")
                .ShellTask("probe-main", "main", Probe)
                .ShellTask("probe-guest", "guest", Probe)
                .ToString()
        );
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();

        var guest = await SandboxProbe.RunAsync(workspace, "probe-guest");
        var main = await SandboxProbe.RunAsync(workspace, "probe-main");

        Assert.Equal("yes", guest["group"]);
        Assert.Equal("yes", guest["tmp"]);
        // Depending on where the workspace is, the write fails or lands in the sandbox's private /tmp: never outside.
        Assert.False(
            File.Exists(workspace.Combine("outside-guest.txt")),
            "a sandboxed run wrote outside its folders"
        );
        Assert.Equal("no", guest["etc"]);
        Assert.Equal("no", guest["token"]);
        Assert.Equal("lo,", guest["interfaces"]);
        Assert.True(File.Exists(workspace.Combine("groups", "guest", "inside.txt")));

        Assert.Equal("yes", main["workspace"]);
        Assert.True(File.Exists(workspace.Combine("outside-main.txt")));
        Assert.Equal("yes", main["token"]);
        Assert.NotEqual("lo,", main["interfaces"]);
    }

    [Fact(Timeout = 120_000)]
    public async Task The_reference_agent_and_the_protocol_work_sandboxed_with_every_folder_inside_the_hidden_home()
    {
        RequireTool.OnPath("bwrap", "apt-get install bubblewrap");
        using var home = new TempDir();
        using var workspace = new Workspace(settings =>
        {
            settings["Host"] = new JsonObject { ["Sandbox"] = true };
            settings["DataDirectory"] = home.Combine("data");
            settings["GroupsDirectory"] = home.Combine("groups");
        });
        home.WriteFile("groups/global/shared.txt", "shared");
        // The run sees its folders at the host's paths, so what it writes there is where the daemon looks.
        const string Protocol = """
            echo "dirs=$PWD|$NANOCLAW_GROUP_DIR|$NANOCLAW_IPC_DIR|$NANOCLAW_GLOBAL_DIR"
            try 'grep -q shared "$NANOCLAW_GLOBAL_DIR/shared.txt"' global_read
            try 'touch "$NANOCLAW_GLOBAL_DIR/x"' global_write
            try 'echo request > "$NANOCLAW_IPC_DIR/request.json"' ipc
            """;
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("main", isMain: true)
                .Group("guest")
                .PromptTask("ask", "guest", "hello from the sandbox")
                .ShellTask("protocol", "guest", SandboxProbe.Prelude + "\n" + Protocol)
                .ToString()
        );
        await using var daemon = workspace.StartDaemon(
            new Dictionary<string, string> { ["HOME"] = home.Path }
        );
        await daemon.WaitUntilStartedAsync();

        var agent = await workspace.CliAsync("trigger", "ask", "--wait", "--json");
        var protocol = await SandboxProbe.RunAsync(workspace, "protocol");

        Assert.True(agent.ExitCode == 0, agent.Stdout + agent.Stderr);
        Assert.Equal(
            "Processed prompt: hello from the sandbox",
            JsonDocument.Parse(agent.Stdout).RootElement.GetProperty("result").GetString()
        );
        var groupDir = home.Combine("groups", "guest");
        Assert.Equal(
            $"{groupDir}|{groupDir}|{home.Combine("data", "ipc", "guest")}|{home.Combine("groups", "global")}",
            protocol["dirs"]
        );
        Assert.Equal("yes", protocol["global_read"]);
        Assert.Equal("no", protocol["global_write"]);
        Assert.Equal("yes", protocol["ipc"]);
        Assert.True(File.Exists(home.Combine("data", "ipc", "guest", "request.json")));
    }

    [Fact(Timeout = 60_000)]
    public async Task Without_bubblewrap_a_sandboxed_run_fails_with_a_clear_recorded_error()
    {
        using var workspace = new Workspace(settings =>
            settings["Host"] = new JsonObject { ["Sandbox"] = true }
        );
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("main", isMain: true)
                .Group("guest")
                .ShellTask("t", "guest", "echo ran")
                .ToString()
        );
        // A PATH without bwrap (the daemon finds its other tools by absolute path or in /bin).
        var bin = workspace.Combine("bin");
        Directory.CreateDirectory(bin);
        foreach (var tool in new[] { "sh", "setpriv", "setsid" })
            File.CreateSymbolicLink(
                Path.Combine(bin, tool),
                RequireTool.Find(tool) ?? "/bin/" + tool
            );
        await using var daemon = workspace.StartDaemon(
            new Dictionary<string, string> { ["PATH"] = bin }
        );
        await daemon.WaitUntilStartedAsync();

        var result = await workspace.CliAsync("trigger", "t", "--wait", "--json");
        var validate = await CliRun.ExecAsync(
            workspace.Path,
            ["validate"],
            new Dictionary<string, string> { ["PATH"] = bin }
        );

        Assert.Equal(0, validate.ExitCode);
        Assert.Contains(
            "warning: group(s) guest run in host mode",
            validate.Stderr,
            StringComparison.Ordinal
        );
        Assert.Equal(1, result.ExitCode);
        var run = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal("failed", run.GetProperty("status").GetString());
        Assert.Contains(
            "bubblewrap",
            run.GetProperty("error").GetString(),
            StringComparison.Ordinal
        );
        Assert.Contains(
            "NanoClaw:Host:Sandbox=false",
            run.GetProperty("error").GetString(),
            StringComparison.Ordinal
        );
        Assert.Equal("", run.GetProperty("stdout").GetString());
    }

    [Fact(Timeout = 90_000)]
    public async Task A_sandboxed_run_dies_with_a_killed_daemon()
    {
        RequireTool.OnPath("bwrap", "apt-get install bubblewrap");
        using var workspace = new Workspace(settings =>
            settings["Host"] = new JsonObject { ["Sandbox"] = true }
        );
        // Inside the sandbox's PID namespace $$ means nothing outside: the processes are found by their arguments.
        var marker = Random
            .Shared.Next(100_000, 999_999)
            .ToString(System.Globalization.CultureInfo.InvariantCulture);
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("main", isMain: true)
                .Group("guest")
                .ShellTask("long", "guest", $"sleep {marker}1 & touch started; sleep {marker}2")
                .ToString()
        );
        await using (var daemon = workspace.StartDaemon())
        {
            await daemon.WaitUntilStartedAsync();
            Assert.Equal(0, (await workspace.CliAsync("trigger", "long")).ExitCode);
            var started = workspace.Combine("groups", "guest", "started");
            await Eventually.TrueAsync(
                () => File.Exists(started),
                TimeSpan.FromSeconds(10),
                "the sandboxed run never started"
            );
            Assert.NotEmpty(ProcessesWith(marker));
            await daemon.CrashAsync();
        }

        await Eventually.TrueAsync(
            () => ProcessesWith(marker).Count == 0,
            TimeSpan.FromSeconds(5),
            "a process of the sandboxed run outlived the killed daemon"
        );
    }

    /// <summary>Live (not zombie) processes whose command line mentions <paramref name="marker"/>.</summary>
    private static List<int> ProcessesWith(string marker)
    {
        var found = new List<int>();
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
                continue;
            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (
                    cmdline.Contains("sleep " + marker, StringComparison.Ordinal)
                    && ProcessTable.IsAlive(pid)
                )
                    found.Add(pid);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return found;
    }
}
