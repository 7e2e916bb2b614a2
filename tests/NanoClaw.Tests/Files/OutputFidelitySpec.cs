using System.Text.Json;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Files;

/// <summary>What a run prints is kept whole in its records, and shown safely to the person reading it.</summary>
public sealed class OutputFidelitySpec
{
    [Fact(Timeout = 90_000)]
    public async Task Output_after_a_nul_byte_is_kept_by_run_runs_and_logs()
    {
        using var workspace = new Workspace();
        workspace.WriteJobs(new JobsJsonBuilder().Group("main", isMain: true).ToString());
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();

        var id = await ExecIdAsync(workspace, "printf 'a\\0hidden'; printf 'e\\0rr-hidden\\n' >&2");
        var run = await workspace.CliAsync("run", id, "--json");
        var runs = await workspace.CliAsync("runs", "--json");
        var logs = await workspace.CliAsync("logs", id);
        var raw = await workspace.CliAsync("logs", id, "--raw");
        var text = await workspace.CliAsync("run", id);

        var record = JsonDocument.Parse(run.Stdout).RootElement;
        Assert.Equal("a\0hidden", record.GetProperty("stdout").GetString());
        Assert.Equal("e\0rr-hidden\n", record.GetProperty("stderr").GetString());
        var listed = JsonDocument.Parse(runs.Stdout).RootElement[0];
        Assert.Equal("a\0hidden", listed.GetProperty("stdout").GetString());
        // stdout and stderr are separate pipes: their order in the log is not fixed.
        Assert.Contains("a\\x00hidden", logs.Stdout, StringComparison.Ordinal);
        Assert.Contains("[stderr] e\\x00rr-hidden\n", logs.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain('\0', logs.Stdout);
        Assert.Contains("a\0hidden", raw.Stdout, StringComparison.Ordinal);
        Assert.Contains("[stderr] e\0rr-hidden\n", raw.Stdout, StringComparison.Ordinal);
        Assert.Contains("a\\x00hidden", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("e\\x00rr-hidden", text.Stdout, StringComparison.Ordinal);
    }

    [Fact(Timeout = 90_000)]
    public async Task Logs_and_run_show_escape_sequences_visibly_on_a_terminal_unless_raw()
    {
        var script = RequireTool.OnPath("script", "apt-get install util-linux");
        using var workspace = new Workspace();
        workspace.WriteJobs(new JobsJsonBuilder().Group("main", isMain: true).ToString());
        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();
        var id = await ExecIdAsync(
            workspace,
            "printf '\\033]0;pwned\\007\\033[2J\\033[31mred\\302\\233m\\177\\r\\n'"
        );

        var logs = await Terminal.RunCliAsync(script, workspace, $"logs {id}");
        var follow = await Terminal.RunCliAsync(script, workspace, $"logs {id} --follow");
        var run = await Terminal.RunCliAsync(script, workspace, $"run {id}");
        var raw = await Terminal.RunCliAsync(script, workspace, $"logs {id} --raw");

        foreach (var shown in new[] { logs, follow, run }.Select(WithoutTheClisOwnSequences))
        {
            Assert.DoesNotContain('\u001b', shown);
            Assert.DoesNotContain('\u009b', shown);
            Assert.DoesNotContain('\u007f', shown);
            Assert.Contains(
                "\\x1b]0;pwned\\x07\\x1b[2J\\x1b[31mred\\u009bm\\x7f",
                shown,
                StringComparison.Ordinal
            );
        }
        Assert.Contains(
            "\u001b]0;pwned\u0007\u001b[2J\u001b[31mred",
            raw,
            StringComparison.Ordinal
        );
    }

    /// <summary>
    /// .NET's console switches a terminal's keypad to application mode and back (terminfo's
    /// keypad_xmit and keypad_local), and the CLI colours status words (README, "Output for
    /// people"): those are the only escape sequences the CLI itself writes.
    /// </summary>
    private static string WithoutTheClisOwnSequences(string output) =>
        System.Text.RegularExpressions.Regex.Replace(
            output
                .Replace("\u001b[?1h\u001b=", "", StringComparison.Ordinal)
                .Replace("\u001b[?1l\u001b>", "", StringComparison.Ordinal),
            "\u001b\\[3[1236]m(succeeded|failed|timed_out|interrupted|cancelled|queued|skipped|running)\u001b\\[0m",
            "$1"
        );

    private static async Task<string> ExecIdAsync(Workspace workspace, string shell)
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
            shell
        );
        return JsonDocument.Parse(exec.Stdout).RootElement.GetProperty("id").GetString()!;
    }
}
