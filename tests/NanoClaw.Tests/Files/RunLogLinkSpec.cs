using System.Text.Json;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Files;

/// <summary>
/// A run can write anywhere in its group folder, <c>logs/</c> included. These runs plant links
/// there, as a compromised agent would, against the real daemon.
/// </summary>
public sealed class RunLogLinkSpec
{
    [Fact(Timeout = 90_000)]
    public async Task A_logs_folder_replaced_by_a_run_never_redirects_the_next_runs_log()
    {
        using var workspace = new Workspace();
        workspace.WriteJobs(new JobsJsonBuilder().Group("main", isMain: true).ToString());
        var target = workspace.Combine("target");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "keep.txt"), "unchanged");
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();
        var logs = workspace.Combine("groups", "main", "logs");

        foreach (
            var (plant, described) in new[]
            {
                ($"ln -s {target} logs", "a symbolic link"),
                ("echo planted > logs", "a file"),
            }
        )
        {
            var planting = await ExecAsync(workspace, $"rm -rf logs; {plant}");
            var next = await ExecAsync(workspace, "echo next run");

            Assert.Equal("succeeded", planting.GetProperty("status").GetString());
            Assert.Equal("succeeded", next.GetProperty("status").GetString());
            Assert.Equal(
                ["keep.txt"],
                Directory.GetFileSystemEntries(target).Select(Path.GetFileName)
            );
            Assert.Equal("unchanged", File.ReadAllText(Path.Combine(target, "keep.txt")));
            Assert.Null(new DirectoryInfo(logs).LinkTarget);
            Assert.Equal(
                UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute,
                File.GetUnixFileMode(logs)
            );
            var log = next.GetProperty("logPath").GetString()!;
            Assert.Equal(logs, Path.GetDirectoryName(log));
            Assert.EndsWith("next run\n", File.ReadAllText(log), StringComparison.Ordinal);
            await daemon.WaitForOutputAsync(
                $"was {described}, not the daemon's logs folder",
                TimeSpan.FromSeconds(5)
            );
        }
        Assert.Equal(
            2,
            Directory
                .GetFileSystemEntries(workspace.Combine("groups", "main"), "logs.moved-*")
                .Length
        );
        var daemonLog = string.Concat(
            Directory.GetFiles(Path.Combine(workspace.DataDir, "logs")).Select(File.ReadAllText)
        );
        Assert.All(
            daemonLog.Split('\n').Where(l => l.Contains("repaired", StringComparison.Ordinal)),
            warning => Assert.Contains("\"Group\":\"main\"", warning, StringComparison.Ordinal)
        );
    }

    [Fact(Timeout = 90_000)]
    public async Task A_run_that_swaps_its_own_log_for_a_link_to_the_admin_token_never_gets_it_served()
    {
        using var workspace = new Workspace();
        workspace.WriteJobs(new JobsJsonBuilder().Group("main", isMain: true).ToString());
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();
        var token = AdminHttp.Token(workspace);
        var tokenFile = Path.Combine(workspace.DataDir, "admin.token");
        using var http = AdminHttp.For(workspace);
        var ct = TestContext.Current.CancellationToken;

        // A symbolic link, then a hard link: the second has the token's inode, mode and owner.
        foreach (var link in new[] { "ln -s", "ln" })
        {
            var run = await ExecAsync(
                workspace,
                $"echo visible; for f in logs/*.log; do rm \"$f\"; {link} {tokenFile} \"$f\"; done"
            );
            var id = run.GetProperty("id").GetString()!;
            var output = await http.GetStringAsync($"/api/runs/{id}/output", ct);
            var stream = await http.GetStringAsync($"/api/runs/{id}/stream", ct);
            var logs = await workspace.CliAsync("logs", id);
            var follow = await workspace.CliAsync("logs", id, "--follow");

            Assert.Equal(0, logs.ExitCode);
            Assert.Equal(0, follow.ExitCode);
            foreach (var served in new[] { output, stream, logs.Stdout, follow.Stdout })
            {
                Assert.DoesNotContain(token, served, StringComparison.Ordinal);
                Assert.Contains("visible", served, StringComparison.Ordinal);
                Assert.Contains(
                    "the run's log file is not served",
                    served,
                    StringComparison.Ordinal
                );
            }
        }
        Assert.Equal(token, File.ReadAllText(tokenFile).Trim());
    }

    private static async Task<JsonElement> ExecAsync(Workspace workspace, string script)
    {
        var exec = await workspace.CliAsync(
            "exec",
            "--group",
            "main",
            "--wait",
            "--json",
            "--",
            "sh",
            "-c",
            script
        );
        return JsonDocument.Parse(exec.Stdout).RootElement;
    }
}
