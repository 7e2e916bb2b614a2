using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Files;

/// <summary>The data directory and run logs are the daemon user's alone, from the first start and after every restart.</summary>
public sealed class PrivateModesSpec
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateFolder = Private | UnixFileMode.UserExecute;
    private const UnixFileMode Open = (UnixFileMode)0x1B6; // 0666
    private const UnixFileMode OpenFolder = (UnixFileMode)0x1FF; // 0777
    private static readonly string[] DataFiles =
    [
        "nanoclaw.db",
        "nanoclaw.db-wal",
        "nanoclaw.db-shm",
        "admin.token",
        "daemon.lock",
    ];

    private const UnixFileMode IpcGroupMode = (UnixFileMode)0x1ED; // 0755, as another part may set it

    [Fact(Timeout = 120_000)]
    public async Task Folders_are_0700_and_files_0600_and_looser_modes_are_tightened_at_start()
    {
        using var workspace = new Workspace();
        workspace.WriteJobs(new JobsJsonBuilder().Group("main", isMain: true).ToString());
        // A data directory an older version (or a careless hand) left readable by everyone.
        Loosen(Directory.CreateDirectory(workspace.DataDir).FullName, OpenFolder);
        Loosen(
            Directory.CreateDirectory(Path.Combine(workspace.DataDir, "logs")).FullName,
            OpenFolder
        );
        Loosen(workspace.WriteFile("data/logs/nanoclaw-20200101.json", "{}\n"), Open);
        Loosen(
            Directory.CreateDirectory(Path.Combine(workspace.DataDir, "ipc")).FullName,
            OpenFolder
        );
        Loosen(
            Directory.CreateDirectory(Path.Combine(workspace.DataDir, "ipc", "main")).FullName,
            IpcGroupMode
        );
        Loosen(workspace.WriteFile("data/admin.token", "pre-existing-token\n"), Open);
        Loosen(
            Directory.CreateDirectory(workspace.Combine("groups", "main", "logs")).FullName,
            OpenFolder
        );

        await using (var first = workspace.StartDaemon())
        {
            await first.WaitUntilStartedAsync();
            await RunAndCheckAsync(workspace);
            Assert.Equal(0, await first.TerminateAsync(TimeSpan.FromSeconds(30)));
        }
        foreach (
            var file in Directory.GetFiles(workspace.DataDir, "*", SearchOption.AllDirectories)
        )
            Loosen(file, Open);
        foreach (var folder in new[] { "data", "data/logs", "data/ipc", "groups/main/logs" })
            Loosen(workspace.Combine(folder), OpenFolder);
        await using var second = workspace.StartDaemon();
        await second.WaitUntilStartedAsync();
        await RunAndCheckAsync(workspace);
    }

    private static async Task RunAndCheckAsync(Workspace workspace)
    {
        var exec = await workspace.CliAsync(
            "exec",
            "--group",
            "main",
            "--wait",
            "--",
            "sh",
            "-c",
            "echo private"
        );
        Assert.Equal(0, exec.ExitCode);
        var data = workspace.DataDir;
        foreach (
            var folder in new[]
            {
                data,
                Path.Combine(data, "logs"),
                Path.Combine(data, "ipc"),
                workspace.Combine("groups", "main", "logs"),
            }
        )
            Assert.True(
                File.GetUnixFileMode(folder) == PrivateFolder,
                $"{folder} is {File.GetUnixFileMode(folder)}"
            );
        var files = DataFiles
            .Select(name => Path.Combine(data, name))
            .Concat(Directory.GetFiles(Path.Combine(data, "logs")))
            .Concat(Directory.GetFiles(workspace.Combine("groups", "main", "logs"), "*.log"))
            .ToList();
        Assert.True(files.Count >= 8, $"only {files.Count} files to check");
        foreach (var file in files)
            Assert.True(
                File.GetUnixFileMode(file) == Private,
                $"{file} is {File.GetUnixFileMode(file)}"
            );
        // The group's own IPC folder keeps the owner and mode it was given: runs under another user need it.
        Assert.Equal(IpcGroupMode, File.GetUnixFileMode(Path.Combine(data, "ipc", "main")));
        Assert.Equal(
            "pre-existing-token",
            File.ReadAllText(Path.Combine(data, "admin.token")).Trim()
        );
    }

    private static void Loosen(string path, UnixFileMode mode) => File.SetUnixFileMode(path, mode);
}
