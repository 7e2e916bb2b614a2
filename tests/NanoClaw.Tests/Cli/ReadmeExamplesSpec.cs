using System.Text.RegularExpressions;
using NanoClaw.Cli;
using NanoClaw.Runs;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Cli;

/// <summary>
/// Every <c>nanoclaw …</c> and <c>dotnet run --project src/NanoClaw -- …</c> line in the README's
/// shell code blocks runs as written, in README order, with <c>sh</c>, in a folder holding copies of
/// the shipped <c>appsettings.json</c> and <c>jobs.json</c>, beside a daemon started there. Only the
/// admin port differs (<c>NanoClaw__Admin__Url</c>), so that the test never meets another daemon;
/// <c>dotnet run --project src/NanoClaw --</c> runs the built program, which is what it builds.
/// Conventions for writing examples:
/// <list type="bullet">
/// <item><c>&lt;RUN_ID&gt;</c> is replaced by the id of a finished run, <c>&lt;TASK_ID&gt;</c> by
/// <c>heartbeat</c>, <c>&lt;GROUP&gt;</c> by <c>main</c>; any other <c>&lt;UPPER_CASE&gt;</c>
/// placeholder is an error.</item>
/// <item>An example must exit 0, unless its comment says <c>(exit N)</c>.</item>
/// <item><c>(needs: daemon stopped)</c> in its comment: run after every other example, once the daemon
/// has stopped.</item>
/// <item><c>(needs: anything else)</c>, e.g. <c>(needs: group ops)</c>: what the shipped files do not
/// have; such an example is only parsed, and its arguments must be valid.</item>
/// </list>
/// </summary>
public sealed partial class ReadmeExamplesSpec
{
    [Fact(Timeout = 300_000)]
    public async Task Every_README_example_runs_as_written_against_the_shipped_files()
    {
        var examples = ReadmeExample.All(
            await File.ReadAllTextAsync(
                Path.Combine(RepositoryFiles.Root, "README.md"),
                TestContext.Current.CancellationToken
            )
        );
        Assert.True(
            examples.Count >= 20,
            $"only {examples.Count} examples were found in README.md"
        );
        using var workspace = new Workspace();
        foreach (var file in new[] { "appsettings.json", "jobs.json" })
            File.Copy(
                Path.Combine(RepositoryFiles.Root, file),
                workspace.Combine(file),
                overwrite: true
            );
        Directory.CreateDirectory(workspace.Combine("bin"));
        File.CreateSymbolicLink(workspace.Combine("bin", "nanoclaw"), DaemonProcess.ExecutablePath);
        var environment = new Dictionary<string, string>
        {
            ["NanoClaw__Admin__Url"] = workspace.AdminUrl,
            ["PATH"] = $"{workspace.Combine("bin")}:{Environment.GetEnvironmentVariable("PATH")}",
        };
        var failures = new List<string>();

        foreach (var example in examples.Where(e => e.IsParseOnly))
            await CheckParsesAsync(workspace, environment, example, failures);

        await using (var daemon = DaemonProcess.Start(workspace.Path, environment, "serve"))
        {
            // Generous: this test shares the machine with the rest of the suite.
            await daemon.WaitForOutputAsync("NanoClaw ready", TimeSpan.FromSeconds(90));
            var finished = await workspace.WaitForRunsAsync(
                "heartbeat",
                1,
                TimeSpan.FromSeconds(60),
                r => r.Status == RunStatus.Succeeded
            );
            var values = new Dictionary<string, string>
            {
                ["RUN_ID"] = finished[0].Id,
                ["TASK_ID"] = "heartbeat",
                ["GROUP"] = "main",
            };
            foreach (var example in examples.Where(e => e.Needs is null))
                await RunAsync(workspace, environment, example, values, failures);
            Assert.Equal(0, await daemon.TerminateAsync(TimeSpan.FromSeconds(60)));
            foreach (var example in examples.Where(e => e.RunsWithDaemonStopped))
                await RunAsync(workspace, environment, example, values, failures);
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    [Fact]
    public void Examples_are_found_in_shell_blocks_only_with_their_markers()
    {
        var readme = """
            ```sh
            nanoclaw tasks                 # all tasks
            dotnet run --project src/NanoClaw -- runs --limit 5
            nanoclaw exec --group ops -- ./x.sh   # (needs: group ops)
            nanoclaw tasks add --id a --group main \
                --interval 00:10:00 -- true
            nanoclaw restore b.db          # (needs: daemon stopped) (exit 1)
            ```
            ```json
            nanoclaw not-an-example
            ```
            """;

        var examples = ReadmeExample.All(readme);

        Assert.Equal(
            [
                "nanoclaw tasks                 # all tasks",
                "nanoclaw runs --limit 5",
                "nanoclaw exec --group ops -- ./x.sh   # (needs: group ops)",
                "nanoclaw tasks add --id a --group main --interval 00:10:00 -- true",
                "nanoclaw restore b.db          # (needs: daemon stopped) (exit 1)",
            ],
            examples.Select(e => e.Command)
        );
        Assert.Equal([2, 3, 4, 5, 7], examples.Select(e => e.Line));
        Assert.True(examples[2].IsParseOnly);
        Assert.True(examples[4].RunsWithDaemonStopped);
        Assert.Equal(1, examples[4].ExpectedExit);
    }

    private static async Task RunAsync(
        Workspace workspace,
        Dictionary<string, string> environment,
        ReadmeExample example,
        Dictionary<string, string> values,
        List<string> failures
    )
    {
        var unknown = Placeholder()
            .Matches(example.Command)
            .Select(m => m.Groups[1].Value)
            .Where(p => !values.ContainsKey(p))
            .ToList();
        if (unknown.Count > 0)
        {
            failures.Add(
                $"{example}: unknown placeholder <{unknown[0]}>; use one of {string.Join(", ", values.Keys.Select(k => $"<{k}>"))} or mark it (needs: …)"
            );
            return;
        }
        var command = Placeholder().Replace(example.Command, m => values[m.Groups[1].Value]);
        var run = await CliRun.ExecAsync(
            workspace.Path,
            ["-c", command],
            environment,
            TimeSpan.FromSeconds(90),
            "/bin/sh"
        );
        if (
            run.ExitCode != example.ExpectedExit
            || run.Stderr.Contains("   at ", StringComparison.Ordinal)
        )
            failures.Add(
                $"{example}: exited {run.ExitCode}, expected {example.ExpectedExit}\n{Shorten(run.Stdout + run.Stderr)}"
            );
    }

    /// <summary>Runs the example's words through sh to a stand-in that prints them, then parses them as the program would.</summary>
    private static async Task CheckParsesAsync(
        Workspace workspace,
        Dictionary<string, string> environment,
        ReadmeExample example,
        List<string> failures
    )
    {
        var printed = await CliRun.ExecAsync(
            workspace.Path,
            [
                "-c",
                "nanoclaw() { printf '%s\\0' \"$@\"; }; "
                    + Placeholder().Replace(example.Command, m => m.Value.Trim('<', '>')),
            ],
            environment,
            TimeSpan.FromSeconds(30),
            "/bin/sh"
        );
        var words = printed.Stdout.Split('\0')[..^1];
        var parse = CliParsing.Parse(NanoClawCli.Create(new CliContext([])), words);
        if (parse.Errors.Count > 0)
            failures.Add(
                $"{example}: its arguments do not parse: {string.Join("; ", parse.Errors.Select(e => e.Message))}"
            );
    }

    private static string Shorten(string output) =>
        output.Length <= 2000 ? output : output[..2000] + "…";

    [GeneratedRegex("<([A-Z][A-Z_]*)>")]
    private static partial Regex Placeholder();
}
