using NanoClaw.Configuration;
using NanoClaw.Files;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Files;

/// <summary>Creating and reading run logs through directory handles, on real files, without the daemon.</summary>
public sealed class RunLogFilesSpec : IDisposable
{
    private readonly TempDir _dir = new();

    private NanoClawPaths Paths =>
        new()
        {
            DataDir = _dir.Combine("data"),
            GroupsDir = _dir.Combine("groups"),
            JobsFile = _dir.Combine("jobs.json"),
        };

    private string LogPath(string name = "run-1.log") =>
        Path.Combine(Paths.GroupLogsDir("ops"), name);

    [Fact]
    public void A_new_log_is_a_0600_file_in_a_0700_logs_folder()
    {
        var repairs = new List<string>();

        using (var handle = RunLogFiles.Create(LogPath(), repairs))
            Write(handle, "out\n");

        Assert.Empty(repairs);
        Assert.Equal(FileModes.PrivateFile, File.GetUnixFileMode(LogPath()));
        Assert.Equal(FileModes.PrivateDirectory, File.GetUnixFileMode(Paths.GroupLogsDir("ops")));
        Assert.Equal("out\n", File.ReadAllText(LogPath()));
    }

    [Fact]
    public void A_log_file_name_planted_as_a_link_is_moved_aside_and_its_target_is_untouched()
    {
        var target = _dir.WriteFile("secret", "keep me");
        Directory.CreateDirectory(Paths.GroupLogsDir("ops"));
        File.CreateSymbolicLink(LogPath(), target);
        var repairs = new List<string>();

        using (var handle = RunLogFiles.Create(LogPath(), repairs))
            Write(handle, "run output\n");

        Assert.Equal("keep me", File.ReadAllText(target));
        Assert.Equal("run output\n", File.ReadAllText(LogPath()));
        Assert.Null(new FileInfo(LogPath()).LinkTarget);
        var moved = Assert.Single(
            Directory.GetFiles(Paths.GroupLogsDir("ops"), "run-1.log.moved-*")
        );
        Assert.Equal(target, new FileInfo(moved).LinkTarget);
        Assert.Contains("already existed", Assert.Single(repairs), StringComparison.Ordinal);
    }

    [Fact]
    public void A_group_folder_that_is_a_link_is_refused_and_nothing_is_written_through_it()
    {
        var elsewhere = _dir.Combine("elsewhere");
        Directory.CreateDirectory(elsewhere);
        Directory.CreateDirectory(Paths.GroupsDir);
        Directory.CreateSymbolicLink(Paths.GroupDir("ops"), elsewhere);

        var refusal = Assert.Throws<UnsafePathException>(() => RunLogFiles.Create(LogPath(), []));

        Assert.Contains("symbolic link", refusal.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(elsewhere));
    }

    [Fact]
    public void A_log_replaced_by_a_link_a_hard_link_or_a_pipe_is_not_opened_for_reading()
    {
        var token = _dir.WriteFile("admin.token", "the-token");
        Directory.CreateDirectory(Paths.GroupLogsDir("ops"));
        File.CreateSymbolicLink(LogPath("soft.log"), token);
        Link(token, LogPath("hard.log"));
        Mkfifo(LogPath("pipe.log"));
        using (var handle = RunLogFiles.Create(LogPath("own.log"), []))
            Write(handle, "mine");

        var soft = RunLogFiles.OpenForReading(Paths, "ops", LogPath("soft.log"));
        var hard = RunLogFiles.OpenForReading(Paths, "ops", LogPath("hard.log"));
        var pipe = RunLogFiles.OpenForReading(Paths, "ops", LogPath("pipe.log"));
        var elsewhere = RunLogFiles.OpenForReading(Paths, "ops", token);
        var own = RunLogFiles.OpenForReading(Paths, "ops", LogPath("own.log"));

        Assert.Contains("symbolic link", soft.Refusal, StringComparison.Ordinal);
        Assert.Contains("hard links", hard.Refusal, StringComparison.Ordinal);
        Assert.Contains("special file", pipe.Refusal, StringComparison.Ordinal);
        Assert.Contains(
            "not in group 'ops''s logs folder",
            elsewhere.Refusal,
            StringComparison.Ordinal
        );
        Assert.Null(soft.Handle ?? hard.Handle ?? pipe.Handle ?? elsewhere.Handle);
        using var stream = new FileStream(own.Handle!, FileAccess.Read);
        Assert.Equal("mine", new StreamReader(stream).ReadToEnd());
    }

    [Fact]
    public void Deleting_a_log_through_a_logs_folder_replaced_by_a_link_deletes_nothing()
    {
        var elsewhere = _dir.Combine("elsewhere");
        Directory.CreateDirectory(elsewhere);
        var victim = Path.Combine(elsewhere, "run-1.log");
        File.WriteAllText(victim, "not a log");
        Directory.CreateDirectory(Paths.GroupDir("ops"));
        Directory.CreateSymbolicLink(Paths.GroupLogsDir("ops"), elsewhere);

        var deleted = RunLogFiles.Delete(Paths, "ops", LogPath());

        Assert.False(deleted);
        Assert.True(File.Exists(victim));
    }

    private static void Write(Microsoft.Win32.SafeHandles.SafeFileHandle handle, string text)
    {
        using var stream = new FileStream(handle, FileAccess.Write);
        stream.Write(System.Text.Encoding.UTF8.GetBytes(text));
    }

    private static void Link(string target, string link) => Run("ln", target, link);

    private static void Mkfifo(string path) => Run("mkfifo", path);

    private static void Run(string program, params string[] args)
    {
        using var process = System.Diagnostics.Process.Start(program, args);
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }

    public void Dispose() => _dir.Dispose();
}
