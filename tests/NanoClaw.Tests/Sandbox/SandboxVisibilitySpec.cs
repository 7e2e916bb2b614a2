using System.Text.Json;
using System.Text.Json.Nodes;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Sandbox;

/// <summary>What a sandboxed run can see of the machine, wherever the daemon's folders are.</summary>
public sealed class SandboxVisibilitySpec
{
    // Each secret is looked for by its content: a covered file still exists, empty.
    private const string Probe = """
        W=$(cd "$(dirname "$0")" && pwd)
        try "grep -q NanoClaw $W/appsettings.json" settings
        try "grep -q groups $W/jobs.json" jobs
        try "test -s $W/data/admin.token" token
        try "test -s $W/data/nanoclaw.db" db
        try "grep -q secret $W/data/ipc/other/secret.txt" other_ipc
        try "grep -q secret $W/groups/other/secret.txt" other_group
        try "grep -q secret $HOME/secret.txt" home
        try "grep -q secret $HOME/.config/nanoclaw/mount-allowlist.json" allowlist
        try "grep -q secret $REAL_HOME_SECRET" real_home
        try "cat /etc/shadow" shadow
        try "ls /var/lib/" var_lib
        try "cat /proc/*/environ | tr '\0' '\n' | grep -q NANOCLAW_TEST_SECRET" daemon_env
        try "test -x $W/agent.sh" program
        try "sandbox-tool" path_tool
        """;

    [Fact(Timeout = 120_000)]
    public async Task A_run_sees_its_program_folder_but_not_the_configuration_data_home_or_other_groups_inside_it()
    {
        RequireTool.OnPath("bwrap", "apt-get install bubblewrap");
        using var home = new TempDir();
        // The test user's own home holds a secret too: the daemon runs with another HOME here, but the real one must stay hidden.
        var realHomeSecret = Path.Combine(
            Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
            $".nanoclaw-test-{Guid.NewGuid():N}"
        );
        // The deployment where the program and its settings share a folder: the agent command lives in the working folder.
        using var workspace = new Workspace(settings =>
            settings["Host"] = new JsonObject
            {
                ["Sandbox"] = true,
                ["AgentCommand"] = new JsonArray("AGENT"),
            }
        );
        var agent = workspace.WriteFile(
            "agent.sh",
            "#!/bin/sh\n"
                + SandboxProbe.Prelude
                + "\n"
                + Probe.Replace("$REAL_HOME_SECRET", realHomeSecret, StringComparison.Ordinal)
        );
        File.SetUnixFileMode(agent, (UnixFileMode)0b111_101_101);
        workspace.RewriteSettings(text =>
            text.Replace("\"AGENT\"", JsonSerializer.Serialize(agent), StringComparison.Ordinal)
        );
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("main", isMain: true)
                .Group("guest")
                .Group("other")
                .PromptTask("probe-guest", "guest", "look around")
                .ShellTask("probe-main", "main", $"exec {agent}")
                .ToString()
        );
        workspace.WriteFile("groups/other/secret.txt", "secret of another group");
        workspace.WriteFile("data/ipc/other/secret.txt", "secret of another group");
        File.WriteAllText(Path.Combine(home.Path, "secret.txt"), "secret of the home");
        File.WriteAllText(realHomeSecret, "secret of the real home");
        home.WriteFile(".config/nanoclaw/mount-allowlist.json", """{"secret": []}""");
        home.WriteFile("bin/sandbox-tool", "#!/bin/sh\necho tool");
        File.SetUnixFileMode(home.Combine("bin", "sandbox-tool"), (UnixFileMode)0b111_101_101);
        var path = string.Join(
            ':',
            home.Combine("bin"),
            // A PATH folder holding something confidential is not bound at all.
            home.Combine(".config", "nanoclaw"),
            Environment.GetEnvironmentVariable("PATH")
        );
        await using var daemon = workspace.StartDaemon(
            new Dictionary<string, string>
            {
                ["HOME"] = home.Path,
                ["PATH"] = path,
                ["NANOCLAW_TEST_SECRET"] = "1",
            }
        );
        await daemon.WaitUntilStartedAsync();

        Dictionary<string, string> guest,
            main;
        try
        {
            guest = await SandboxProbe.RunAsync(workspace, "probe-guest");
            main = await SandboxProbe.RunAsync(workspace, "probe-main");
        }
        finally
        {
            File.Delete(realHomeSecret);
        }

        foreach (
            var secret in new[]
            {
                "settings",
                "jobs",
                "token",
                "db",
                "other_ipc",
                "other_group",
                "home",
                "allowlist",
                "real_home",
                "shadow",
                "var_lib",
                "daemon_env",
            }
        )
        {
            Assert.True(guest[secret] == "no", $"a sandboxed run could read {secret}");
            // The probe itself works: unconfined, the main group reads every one of them.
            Assert.True(main[secret] == "yes", $"the main group could not read {secret}");
        }
        Assert.Equal("yes", guest["program"]);
        Assert.Equal("yes", guest["path_tool"]);
    }
}
