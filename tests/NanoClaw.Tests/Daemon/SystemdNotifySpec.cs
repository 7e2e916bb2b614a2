using System.Net;
using System.Net.Sockets;
using System.Text;
using NanoClaw.Runs;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Daemon;

/// <summary>
/// systemd's <c>Type=notify</c> protocol, with the test in systemd's place: a Unix datagram socket
/// named by <c>NOTIFY_SOCKET</c> that records what the daemon says and when.
/// </summary>
public sealed class SystemdNotifySpec
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact(Timeout = 120_000)]
    public async Task READY_comes_once_the_API_answers_and_STOPPING_when_the_drain_starts()
    {
        using var workspace = new Workspace();
        var started = workspace.Combine("long-started");
        var finished = workspace.Combine("long-finished");
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("main", isMain: true)
                .ShellTask("long", "main", $"env > {started}; sleep 3; touch {finished}")
                .ToString()
        );
        using var listener = new NotifyListener(workspace.Combine("notify.sock"));
        await using var daemon = workspace.StartDaemon(
            new Dictionary<string, string> { ["NOTIFY_SOCKET"] = listener.Path }
        );
        using var anonymous = new HttpClient { BaseAddress = new Uri(workspace.AdminUrl) };

        var ready = await listener.ReceiveAsync(Timeout);
        var health = await anonymous.GetAsync("/healthz", TestContext.Current.CancellationToken);
        await workspace.CliAsync("trigger", "long");
        await Eventually.FileWrittenAsync(started, Timeout);
        var sigterm = daemon.TerminateAsync(Timeout);
        var stopping = await listener.ReceiveAsync(Timeout);
        var runWasStillRunning = !File.Exists(finished);
        var exitCode = await sigterm;

        Assert.Equal("READY=1", ready);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("STOPPING=1", stopping);
        Assert.True(runWasStillRunning, "STOPPING=1 came only after the drain");
        Assert.Equal(0, exitCode);
        Assert.True(File.Exists(finished), "the run was not let finish");
        var run = Assert.Single(await workspace.RunsAsync("long"));
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Null(listener.TryReceive());
        Assert.DoesNotContain(
            "NOTIFY_SOCKET",
            await File.ReadAllTextAsync(started, TestContext.Current.CancellationToken),
            StringComparison.Ordinal
        );
    }

    [Fact(Timeout = 120_000)]
    public async Task A_notify_socket_nobody_listens_on_is_logged_and_changes_nothing_else()
    {
        using var workspace = new Workspace();
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("main", isMain: true)
                .ShellTask("quick", "main", "true")
                .ToString()
        );
        await using var daemon = workspace.StartDaemon(
            new Dictionary<string, string> { ["NOTIFY_SOCKET"] = workspace.Combine("nobody.sock") }
        );

        await daemon.WaitUntilStartedAsync();
        var trigger = await workspace.CliAsync("trigger", "quick", "--wait");
        var exitCode = await daemon.TerminateAsync(Timeout);

        Assert.Equal(0, trigger.ExitCode);
        Assert.Equal(0, exitCode);
        Assert.Contains(
            "Could not tell the service manager READY=1",
            daemon.Output,
            StringComparison.Ordinal
        );
        Assert.Contains(
            "Could not tell the service manager STOPPING=1",
            daemon.Output,
            StringComparison.Ordinal
        );
    }

    /// <summary>systemd's end of the socket: one datagram is one message.</summary>
    private sealed class NotifyListener : IDisposable
    {
        private readonly Socket _socket = new(
            AddressFamily.Unix,
            SocketType.Dgram,
            ProtocolType.Unspecified
        );

        public NotifyListener(string path)
        {
            Path = path;
            _socket.Bind(new UnixDomainSocketEndPoint(path));
        }

        public string Path { get; }

        public async Task<string> ReceiveAsync(TimeSpan timeout)
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(
                TestContext.Current.CancellationToken
            );
            cts.CancelAfter(timeout);
            var buffer = new byte[4096];
            var length = await _socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
            return Encoding.UTF8.GetString(buffer, 0, length).Trim();
        }

        /// <summary>A message already waiting, or null.</summary>
        public string? TryReceive()
        {
            if (_socket.Available == 0)
                return null;
            var buffer = new byte[4096];
            return Encoding.UTF8.GetString(buffer, 0, _socket.Receive(buffer)).Trim();
        }

        public void Dispose() => _socket.Dispose();
    }
}
