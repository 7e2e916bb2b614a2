using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Sandbox;

/// <summary>A group's <c>hostSockets</c>: the host's Unix sockets reach a sandboxed run only when its group opts in.</summary>
public sealed class HostSocketsSpec
{
    // perl is part of every Debian system (perl-base is essential); sh has no Unix socket client.
    private const string Probe = """
        connect() { perl -MIO::Socket::UNIX -e '$s = IO::Socket::UNIX->new(Peer => $ARGV[0]) or exit 1; print scalar <$s>' "$1" || echo no; }
        echo "run=$(connect RUN_SOCKET)"
        echo "xdg=$(connect XDG_SOCKET)"
        """;

    [Fact(Timeout = 120_000)]
    public async Task A_sandboxed_run_connects_to_host_sockets_in_run_and_the_runtime_dir_only_when_its_group_opts_in()
    {
        RequireTool.OnPath("bwrap", "apt-get install bubblewrap");
        Assert.SkipUnless(Directory.Exists("/run"), "this machine has no /run");
        using var runtimeDir = new TempDir();
        var runSocket = $"/run/nanoclaw-test-{Guid.NewGuid():N}.sock";
        var xdgSocket = runtimeDir.Combine("bus.sock");
        using var workspace = new Workspace(settings =>
            settings["Host"] = new JsonObject { ["Sandbox"] = true }
        );
        var probe = Probe
            .Replace("RUN_SOCKET", runSocket, StringComparison.Ordinal)
            .Replace("XDG_SOCKET", xdgSocket, StringComparison.Ordinal);
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("main", isMain: true)
                .Group("guest")
                .Group("docker", extra: new { hostSockets = true, network = true })
                .ShellTask("probe-guest", "guest", probe)
                .ShellTask("probe-docker", "docker", probe)
                .ShellTask("probe-guest-run", "guest", "ls /run")
                .ToString()
        );
        using var listeners = new CancellationTokenSource();
        using var run = Listen(runSocket, listeners.Token);
        using var xdg = Listen(xdgSocket, listeners.Token);
        try
        {
            await using var daemon = workspace.StartDaemon(
                new Dictionary<string, string> { ["XDG_RUNTIME_DIR"] = runtimeDir.Path }
            );
            await daemon.WaitUntilStartedAsync();

            var guest = await SandboxProbe.RunAsync(workspace, "probe-guest");
            var docker = await SandboxProbe.RunAsync(workspace, "probe-docker");
            var listing = await workspace.CliAsync("trigger", "probe-guest-run", "--wait");

            Assert.Equal("no", guest["run"]);
            Assert.Equal("no", guest["xdg"]);
            Assert.Equal("hello", docker["run"]);
            Assert.Equal("hello", docker["xdg"]);
            Assert.Equal(1, listing.ExitCode);
        }
        finally
        {
            await listeners.CancelAsync();
            File.Delete(runSocket);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Validate_refuses_a_hostSockets_that_is_not_a_boolean_and_warns_about_one_that_is_on()
    {
        using var workspace = new Workspace();
        workspace.WriteJobs(
            new JobsJsonBuilder().Group("guest", extra: new { hostSockets = "yes" }).ToString()
        );
        var refused = await workspace.CliAsync("validate");
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("main", isMain: true)
                .Group("guest", extra: new { hostSockets = true })
                .Group("boss", extra: new { hostSockets = true, executionMode = "container" })
                .ToString()
        );
        workspace.RewriteSettings(text =>
            text.Replace("\"Sandbox\": false", "\"Sandbox\": true", StringComparison.Ordinal)
        );
        var accepted = await workspace.CliAsync("validate");

        Assert.Equal(2, refused.ExitCode);
        Assert.Matches(
            @"jobs\.json:\d+:\d+: group 'guest'.*hostSockets.*true or false",
            refused.Stderr
        );
        Assert.Equal(0, accepted.ExitCode);
        Assert.Contains(
            "warning: group(s) guest set hostSockets",
            accepted.Stderr,
            StringComparison.Ordinal
        );
        Assert.Contains(
            "note: group(s) boss set hostSockets, which only matters",
            accepted.Stderr,
            StringComparison.Ordinal
        );
    }

    /// <summary>A Unix socket that greets every connection with "hello".</summary>
    private static Socket Listen(string path, CancellationToken cancellationToken)
    {
        File.Delete(path);
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        socket.Listen();
        _ = Task.Run(
            async () =>
            {
                while (!cancellationToken.IsCancellationRequested)
                {
                    using var client = await socket.AcceptAsync(cancellationToken);
                    await client.SendAsync(Encoding.ASCII.GetBytes("hello\n"), cancellationToken);
                }
            },
            cancellationToken
        );
        return socket;
    }
}
