using NanoClaw.Runs;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Cli;

/// <summary>
/// <c>dotnet pack</c> makes a .NET tool that <c>dotnet tool install --tool-path</c> puts on PATH
/// without root, and the installed <c>nanoclaw</c> is the whole program: CLI, daemon and the
/// reference agent its prompt tasks run.
/// </summary>
public sealed class ToolPackageSpec
{
    [Fact(Timeout = 300_000)]
    public async Task The_packed_tool_installs_into_a_folder_and_runs_the_shipped_samples()
    {
        var dotnet = RequireTool.OnPath("dotnet", "the .NET SDK");
        using var dir = new TempDir();
        using var workspace = new Workspace();
        // A version of its own, so no cached package of an earlier build can stand in for this one.
        var version = $"0.1.0-test.{DateTime.UtcNow:yyyyMMddHHmmssfff}";
        var isolated = new Dictionary<string, string>
        {
            ["NUGET_PACKAGES"] = dir.Combine("nuget"),
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
        };

        // The build the tests run on is packed as it is: no second compilation.
        var pack = await CliRun.ExecAsync(
            RepositoryFiles.Root,
            [
                "pack",
                "src/NanoClaw",
                "--no-build",
                "-c",
                BuildConfiguration(),
                "-o",
                dir.Combine("packages"),
                $"-p:PackageVersion={version}",
            ],
            isolated,
            TimeSpan.FromSeconds(240),
            dotnet
        );
        Assert.True(pack.ExitCode == 0, pack.ToString());
        var install = await CliRun.ExecAsync(
            dir.Path,
            [
                "tool",
                "install",
                "--tool-path",
                dir.Combine("bin"),
                "--add-source",
                dir.Combine("packages"),
                "--version",
                version,
                "NanoClaw",
            ],
            isolated,
            TimeSpan.FromSeconds(120),
            dotnet
        );
        Assert.True(install.ExitCode == 0, install.ToString());
        var tool = dir.Combine("bin", "nanoclaw");

        foreach (var file in new[] { "appsettings.json", "jobs.json" })
            File.Copy(
                Path.Combine(RepositoryFiles.Root, file),
                workspace.Combine(file),
                overwrite: true
            );
        var admin = new Dictionary<string, string>
        {
            ["NanoClaw__Admin__Url"] = workspace.AdminUrl,
        };
        var validate = await CliRun.ExecAsync(workspace.Path, ["validate"], admin, program: tool);
        Assert.True(validate.ExitCode == 0, validate.ToString());

        await using var daemon = DaemonProcess.StartProgram(tool, workspace.Path, admin, "serve");
        await daemon.WaitForOutputAsync("NanoClaw ready", TimeSpan.FromSeconds(90));
        // The prompt task runs `{nanoclaw} agent`: the installed tool itself.
        var trigger = await CliRun.ExecAsync(
            workspace.Path,
            ["trigger", "agent-hello", "--wait", "--json"],
            admin,
            TimeSpan.FromSeconds(60),
            tool
        );
        Assert.True(trigger.ExitCode == 0, trigger.ToString() + daemon.Output);
        Assert.Equal(0, await daemon.TerminateAsync(TimeSpan.FromSeconds(30)));
        var run = (await workspace.RunsAsync("agent-hello")).First(r =>
            r.Trigger == RunTrigger.Manual
        );
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Contains("NANOCLAW_OUTPUT_START", run.Stdout, StringComparison.Ordinal);
    }

    /// <summary>Debug or Release, whichever the tests (and so the program beside them) were built in.</summary>
    private static string BuildConfiguration() =>
        new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
}
