using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Faults;

public sealed class ClientTimeoutSpec
{
    [Fact(Timeout = 60_000)]
    public async Task A_cli_call_to_a_daemon_that_accepts_but_never_answers_gives_up_at_its_timeout_naming_the_url_with_exit_3()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var held = new List<TcpClient>();
        var accepting = Task.Run(
            async () =>
            {
                // Accepts and never answers: a daemon stuck behind a lock, as the CLI sees it.
                while (true)
                    held.Add(
                        await listener.AcceptTcpClientAsync(TestContext.Current.CancellationToken)
                    );
            },
            TestContext.Current.CancellationToken
        );
        using var workspace = new Workspace(n =>
            n["Admin"] = new System.Text.Json.Nodes.JsonObject
            {
                ["Url"] = $"http://127.0.0.1:{port}",
                ["Token"] = new string('t', 40),
                ["ClientTimeout"] = "00:00:02",
            }
        );
        workspace.WriteJobs(new JobsJsonBuilder().Group("main", isMain: true).ToString());

        var clock = Stopwatch.StartNew();
        var result = await workspace.CliAsync("tasks");
        clock.Stop();

        Assert.Equal(3, result.ExitCode);
        Assert.Contains($"http://127.0.0.1:{port}", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("no answer within 2 s", result.Stderr, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        Assert.NotEmpty(held);
        listener.Stop();
        foreach (var client in held)
            client.Dispose();
        _ = accepting;
    }
}
