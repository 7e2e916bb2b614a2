using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Cli;

/// <summary><c>nanoclaw completion bash</c>, loaded into a real bash, completes what the program knows.</summary>
public sealed class CompletionSpec : IDisposable
{
    private readonly Workspace _workspace = new();
    private readonly string _bash = RequireTool.OnPath("bash", "apt-get install bash");

    public CompletionSpec()
    {
        _workspace.WriteJobs(
            """
            { "groups": { "main": { "isMain": true }, "ops": {} },
              "tasks": [ { "id": "heartbeat", "group": "main", "command": ["true"] },
                         { "id": "nightly", "group": "ops", "command": ["true"] } ] }
            """
        );
        // The program on PATH under its installed name, as a tool install leaves it.
        Directory.CreateDirectory(_workspace.Combine("bin"));
        File.CreateSymbolicLink(
            _workspace.Combine("bin", "nanoclaw"),
            DaemonProcess.ExecutablePath
        );
    }

    [Fact(Timeout = 120_000)]
    public async Task Bash_completes_command_names()
    {
        Assert.Equal(["tasks"], await CompleteAsync("nanoclaw ta"));
        var re = await CompleteAsync("nanoclaw re");
        Assert.Contains("resume", re);
        Assert.Contains("reload", re);
        Assert.All(re, c => Assert.StartsWith("re", c, StringComparison.Ordinal));
    }

    [Fact(Timeout = 120_000)]
    public async Task Bash_completes_the_options_of_the_command_being_typed()
    {
        var options = await CompleteAsync("nanoclaw trigger --");

        Assert.Contains("--wait", options);
        Assert.Contains("--json", options);
        Assert.DoesNotContain("--limit", options);
    }

    [Fact(Timeout = 120_000)]
    public async Task Bash_completes_task_ids_and_groups_from_the_jobs_file()
    {
        Assert.Equal(["heartbeat"], await CompleteAsync("nanoclaw trigger he"));
        Assert.Equal(["ops"], await CompleteAsync("nanoclaw exec --group o"));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_path_to_the_program_completes_like_its_name()
    {
        Assert.Equal(["tasks"], await CompleteAsync($"{_workspace.Combine("bin", "nanoclaw")} ta"));
    }

    [Fact(Timeout = 120_000)]
    public async Task Every_shell_gets_a_script_and_an_unknown_shell_is_an_argument_error()
    {
        foreach (var shell in new[] { "bash", "zsh", "fish" })
        {
            var script = await _workspace.CliAsync("completion", shell);
            Assert.True(script.ExitCode == 0, script.ToString());
            Assert.Contains("[suggest:", script.Stdout, StringComparison.Ordinal);
        }
        var unknown = await _workspace.CliAsync("completion", "pwsh");
        Assert.Equal(2, unknown.ExitCode);
    }

    [Fact(Timeout = 120_000)]
    public async Task Zsh_completes_commands_and_task_ids()
    {
        var zsh = RequireTool.OnPath("zsh", "apt-get install zsh");
        _workspace.WriteFile("_nanoclaw", (await _workspace.CliAsync("completion", "zsh")).Stdout);
        // compadd is zsh's own; standing in for it shows what the script offers.
        var driver = """
            autoload -U compinit; compinit -u -D
            source ./_nanoclaw
            compadd() { shift; print -l -- "$@"; }
            words=(${(z)1}); [[ "$1" == *" " ]] && words+=("")
            CURRENT=${#words}
            _nanoclaw
            """;

        Assert.Contains("tasks", await ShellAsync(zsh, driver, "nanoclaw ta"));
        Assert.Contains("heartbeat", await ShellAsync(zsh, driver, "nanoclaw trigger "));
    }

    [Fact(Timeout = 120_000)]
    public async Task Fish_completes_commands_options_and_groups()
    {
        var fish = RequireTool.OnPath("fish", "apt-get install fish");
        _workspace.WriteFile(
            "nanoclaw.fish",
            (await _workspace.CliAsync("completion", "fish")).Stdout
        );
        var driver = "source ./nanoclaw.fish; complete -C $argv[1]";

        Assert.Contains("tasks", await ShellAsync(fish, driver, "nanoclaw ta"));
        Assert.Contains("--wait", await ShellAsync(fish, driver, "nanoclaw trigger --"));
        Assert.Contains("ops", await ShellAsync(fish, driver, "nanoclaw exec --group o"));
    }

    /// <summary>Sources the script and calls its function the way bash does on Tab, with the cursor at the end.</summary>
    private async Task<List<string>> CompleteAsync(string line)
    {
        var script = (await _workspace.CliAsync("completion", "bash")).Stdout;
        _workspace.WriteFile("completion.bash", script);
        var driver = """
            source ./completion.bash
            COMP_LINE="$1"; COMP_POINT=${#1}
            read -ra COMP_WORDS <<< "$1"
            [[ "$1" == *" " ]] && COMP_WORDS+=("")
            COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
            _nanoclaw_complete
            printf '%s\n' "${COMPREPLY[@]}"
            """;
        return await ShellAsync(_bash, driver, line);
    }

    private async Task<List<string>> ShellAsync(string shell, string driver, string line)
    {
        // bash and zsh take the script's own name before its arguments; fish does not.
        string[] args =
            Path.GetFileName(shell) == "fish" ? ["-c", driver, line] : ["-c", driver, "sh", line];
        var run = await CliRun.ExecAsync(
            _workspace.Path,
            args,
            new Dictionary<string, string>
            {
                ["PATH"] =
                    $"{_workspace.Combine("bin")}:{Environment.GetEnvironmentVariable("PATH")}",
            },
            program: shell
        );
        Assert.True(run.ExitCode == 0, run.ToString());
        return
        [
            .. run
                .Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => l.Split('\t')[0]),
        ];
    }

    public void Dispose() => _workspace.Dispose();
}
