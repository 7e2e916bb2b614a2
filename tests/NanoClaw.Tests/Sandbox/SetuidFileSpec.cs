using System.Diagnostics;
using System.Text.Json.Nodes;
using NanoClaw.Runs;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Sandbox;

/// <summary>
/// A root daemon's sandboxed runs keep uid 0, so a run can leave a set-uid root program in its
/// folder. No other local user may reach it: the groups folder gives them nothing.
/// </summary>
public sealed class SetuidFileSpec
{
    [Fact(Timeout = 90_000)]
    public async Task A_set_uid_root_program_left_by_a_sandboxed_run_cannot_be_run_by_another_local_user()
    {
        RequireTool.OnPath("bwrap", "apt-get install bubblewrap");
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "the attack needs a root daemon");
        using var workspace = new Workspace(settings =>
            settings["Host"] = new JsonObject { ["Sandbox"] = true }
        );
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("main", isMain: true)
                .Group("guest")
                .ShellTask("plant", "guest", "cp /usr/bin/id ./suid-id && chmod 4755 ./suid-id")
                .ToString()
        );
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();

        var trigger = await workspace.CliAsync("trigger", "plant", "--wait");
        var planted = workspace.Combine("groups", "guest", "suid-id");
        var attempt = await RunAsNobodyAsync(planted);

        Assert.Equal(0, trigger.ExitCode);
        // The attack's first half works: the file is there, set-uid, and root's.
        Assert.True(
            File.GetUnixFileMode(planted).HasFlag(UnixFileMode.SetUser),
            "the run could not set the set-uid bit, so this test proves nothing"
        );
        Assert.Equal(
            0,
            (await workspace.RunsAsync("plant")).Count(r => r.Status != RunStatus.Succeeded)
        );
        Assert.Equal(
            UnixFileMode.None,
            File.GetUnixFileMode(workspace.Combine("groups"))
                & (UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute)
        );
        Assert.True(attempt.ExitCode != 0, attempt.Output);
        Assert.DoesNotContain("euid=0", attempt.Output, StringComparison.Ordinal);
        Assert.Contains("Permission denied", attempt.Output, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> RunAsNobodyAsync(string program)
    {
        var info = new ProcessStartInfo("setpriv")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Through a shell: setpriv finds the program before it gives up root.
        string[] argv =
        [
            "--reuid",
            "65534",
            "--regid",
            "65534",
            "--clear-groups",
            "sh",
            "-c",
            "exec \"$0\"",
            program,
        ];
        foreach (var arg in argv)
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var output =
            await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken)
            + await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, output);
    }
}
