using NanoClaw.Runs;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Daemon;

/// <summary>The repository's own appsettings.json and jobs.json work on a machine with nothing but .NET.</summary>
public sealed class ShippedSamplesSpec
{
    private static readonly string[] FirstSamples = ["heartbeat", "agent-hello"];

    [Fact(Timeout = 90_000)]
    public async Task The_shipped_files_validate_and_their_first_firings_succeed()
    {
        using var workspace = new Workspace();
        var root = RepositoryRoot();
        foreach (var file in new[] { "appsettings.json", "jobs.json" })
            File.Copy(Path.Combine(root, file), workspace.Combine(file), overwrite: true);
        // The workspace's own admin port, so a daemon a developer runs on the default port does not collide.
        var admin = $"--NanoClaw:Admin:Url={workspace.AdminUrl}";

        var validate = await CliRun.ExecAsync(workspace.Path, ["validate", admin]);
        await using (var daemon = DaemonProcess.Start(workspace.Path, null, "serve", admin))
        {
            await daemon.WaitUntilStartedAsync();
            await Eventually.TrueAsync(
                async () =>
                {
                    var runs = await workspace.RunsAsync();
                    return FirstSamples.All(t =>
                        runs.Any(r =>
                            r.TaskId == t && r.Status is not (RunStatus.Running or RunStatus.Queued)
                        )
                    );
                },
                TimeSpan.FromSeconds(30),
                "the samples heartbeat and agent-hello did not both run within 30 s"
            );
            Assert.Equal(0, await daemon.TerminateAsync(TimeSpan.FromSeconds(30)));
        }

        Assert.True(validate.ExitCode == 0, validate.ToString());
        var runs = await workspace.RunsAsync();
        Assert.All(runs, r => Assert.Equal(RunStatus.Succeeded, r.Status));
        Assert.Contains(
            "heartbeat from main",
            runs.First(r => r.TaskId == "heartbeat").Stdout,
            StringComparison.Ordinal
        );
        Assert.NotNull(runs.First(r => r.TaskId == "agent-hello").Result);
    }

    private static string RepositoryRoot()
    {
        for (
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            dir is not null;
            dir = dir.Parent
        )
        {
            if (File.Exists(Path.Combine(dir.FullName, "NanoClaw.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException(
            "the repository root (NanoClaw.sln) was not found above " + AppContext.BaseDirectory
        );
    }
}
