using System.Globalization;
using System.Net;
using System.Net.Sockets;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Cli;

/// <summary>
/// The CLI finds a daemon started on another port through <c>data/admin.url</c>, follows that file
/// only while its daemon is alive, and names the URL it tried when nothing answers.
/// </summary>
public sealed class AdminUrlSpec
{
    private static string Jobs() =>
        new JobsJsonBuilder()
            .Group("main", isMain: true)
            .ShellTask("hello", "main", "echo hello", new { interval = "01:00:00" })
            .ToString();

    [Fact(Timeout = 180_000)]
    public async Task A_daemon_started_on_another_port_is_found_by_the_cli_in_its_folder()
    {
        using var workspace = new Workspace();
        workspace.WriteJobs(Jobs());
        var port = FreePort();
        var urlFile = workspace.Combine("data", "admin.url");
        await using (var daemon = StartOn(workspace, port))
        {
            await daemon.WaitForOutputAsync("NanoClaw ready", TimeSpan.FromSeconds(90));

            var tasks = await workspace.CliAsync("tasks");

            Assert.True(tasks.ExitCode == 0, tasks.ToString());
            Assert.Contains("hello", tasks.Stdout);
            Assert.Equal($"http://127.0.0.1:{port}", File.ReadLines(urlFile).First());
            Assert.Equal(
                UnixFileMode.UserRead | UnixFileMode.UserWrite,
                File.GetUnixFileMode(urlFile)
            );
            Assert.DoesNotContain(
                File.ReadAllText(workspace.Combine("data", "admin.token")).Trim(),
                File.ReadAllText(urlFile),
                StringComparison.Ordinal
            );
            Assert.Equal(0, await daemon.TerminateAsync(TimeSpan.FromSeconds(30)));
        }
        // A clean stop leaves no file to follow.
        Assert.False(File.Exists(urlFile));
    }

    [Fact(Timeout = 180_000)]
    public async Task A_url_file_left_by_a_killed_daemon_does_not_send_the_token_to_whoever_has_the_port_now()
    {
        using var workspace = new Workspace();
        workspace.WriteJobs(Jobs());
        var port = FreePort();
        await using (var daemon = StartOn(workspace, port))
        {
            await daemon.WaitForOutputAsync("NanoClaw ready", TimeSpan.FromSeconds(90));
            await daemon.CrashAsync();
        }
        Assert.True(File.Exists(workspace.Combine("data", "admin.url")));
        // Someone else listens on the dead daemon's port now.
        using var stranger = new TcpListener(IPAddress.Loopback, port);
        stranger.Start();

        var tasks = await workspace.CliAsync("tasks");

        Assert.Equal(3, tasks.ExitCode);
        Assert.Contains(workspace.AdminUrl, tasks.Stderr);
        Assert.Contains("stale", tasks.Stderr);
        Assert.False(stranger.Pending(), "the CLI connected to the port named by a stale URL file");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_forged_url_file_naming_a_live_process_that_holds_no_daemon_lock_is_not_followed()
    {
        using var workspace = new Workspace();
        workspace.WriteJobs(Jobs());
        var port = FreePort();
        Directory.CreateDirectory(workspace.DataDir);
        File.WriteAllText(
            workspace.Combine("data", "admin.url"),
            $"http://127.0.0.1:{port}\n{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}\n"
        );
        File.WriteAllText(
            workspace.Combine("data", "daemon.lock"),
            Environment.ProcessId.ToString(CultureInfo.InvariantCulture)
        );
        File.WriteAllText(workspace.Combine("data", "admin.token"), new string('a', 64));
        using var stranger = new TcpListener(IPAddress.Loopback, port);
        stranger.Start();

        var tasks = await workspace.CliAsync("tasks");

        Assert.Equal(3, tasks.ExitCode);
        Assert.Contains(workspace.AdminUrl, tasks.Stderr);
        Assert.False(stranger.Pending(), "the CLI followed a URL file no daemon wrote");
    }

    [Fact(Timeout = 180_000)]
    public async Task A_url_given_on_the_command_line_wins_over_the_file()
    {
        using var workspace = new Workspace();
        workspace.WriteJobs(Jobs());
        var port = FreePort();
        await using var daemon = StartOn(workspace, port);
        await daemon.WaitForOutputAsync("NanoClaw ready", TimeSpan.FromSeconds(90));
        var elsewhere = $"http://127.0.0.1:{FreePort()}";

        var tasks = await workspace.CliAsync("tasks", $"--NanoClaw:Admin:Url={elsewhere}");

        Assert.Equal(3, tasks.ExitCode);
        Assert.Contains(elsewhere, tasks.Stderr);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("tasks")]
    [InlineData("pause", "hello")]
    [InlineData("resume", "--group", "main")]
    [InlineData("trigger", "hello")]
    [InlineData("reload")]
    public async Task Every_cannot_reach_the_daemon_message_names_the_url_it_tried(
        params string[] args
    )
    {
        using var workspace = new Workspace();
        workspace.WriteJobs(Jobs());

        var run = await workspace.CliAsync(args);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains($"could not be reached at {workspace.AdminUrl}", run.Stderr);
    }

    private static DaemonProcess StartOn(Workspace workspace, int port) =>
        DaemonProcess.Start(
            workspace.Path,
            null,
            "serve",
            $"--NanoClaw:Admin:Url=http://127.0.0.1:{port}"
        );

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
