using System.Diagnostics;
using System.Globalization;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Daemon;

/// <summary>
/// The daemon watches the jobs file's folder, the IPC root (for the group folders first runs make)
/// and each group's IPC <c>requests/</c> folder, nothing else: a watch on the data or group folders
/// would wake it for every database and log write its runs make.
/// </summary>
public sealed class FileWatchSpec
{
    [Fact(Timeout = 60_000)]
    public async Task The_daemon_watches_only_the_folder_of_the_jobs_file()
    {
        using var workspace = new Workspace();
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("main", isMain: true)
                .ShellTask("tick", "main", "echo tick", new { cron = "* * * * * ?" })
                .ToString()
        );

        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();
        // Runs are writing to the database and to their log files meanwhile.
        await workspace.WaitForRunsAsync("tick", 2, TimeSpan.FromSeconds(20));

        var requests = workspace.Combine("data", "ipc", "main", "requests");
        string[] expected =
        [
            await InodeOfAsync(workspace.Path),
            await InodeOfAsync(workspace.Combine("data", "ipc")),
            await InodeOfAsync(requests),
        ];
        // The IPC folder is made by the first run and watched from the next pass.
        await Eventually.TrueAsync(
            () => ProcessTable.InotifyWatchedInodes(daemon.Pid).Count == expected.Length,
            TimeSpan.FromSeconds(10),
            "the daemon never watched the group's requests folder"
        );
        var watched = ProcessTable.InotifyWatchedInodes(daemon.Pid);
        Assert.Equal(expected.Order(), watched.Order());
    }

    private static async Task<string> InodeOfAsync(string path)
    {
        using var stat = Process.Start(
            new ProcessStartInfo("stat", ["-c", "%i", path]) { RedirectStandardOutput = true }
        )!;
        var output = await stat.StandardOutput.ReadToEndAsync(
            TestContext.Current.CancellationToken
        );
        await stat.WaitForExitAsync(TestContext.Current.CancellationToken);
        return long.Parse(output.Trim(), CultureInfo.InvariantCulture)
            .ToString("x", CultureInfo.InvariantCulture);
    }
}
