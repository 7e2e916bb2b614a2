using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NanoClaw.Tests.Notifications;

/// <summary>
/// A real HTTP endpoint on loopback that records every request it gets (headers and exact body) and
/// answers with the status <see cref="Answer"/> gives. Raw sockets, so the body is the bytes sent.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<ReceivedRequest> _requests = [];
    private readonly Lock _gate = new();
    private readonly Task _loop;

    public WebhookReceiver(int port = 0)
    {
        _listener = new TcpListener(IPAddress.Loopback, port);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _loop = Task.Run(AcceptAsync);
    }

    public int Port { get; }
    public string Url => $"http://127.0.0.1:{Port}/hook";

    /// <summary>The status answered to the n-th request (0-based); 204 unless changed.</summary>
    public Func<int, int> Answer { get; set; } = _ => 204;

    public IReadOnlyList<ReceivedRequest> Requests
    {
        get
        {
            lock (_gate)
                return [.. _requests];
        }
    }

    /// <summary>A loopback port nothing listens on (yet): connections to it are refused.</summary>
    public static int UnusedPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex)
                when (ex is OperationCanceledException or SocketException or ObjectDisposedException
                )
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            var head = await ReadHeadAsync(stream);
            var lines = head.Split("\r\n");
            var headers = lines
                .Skip(1)
                .Where(l => l.Contains(':', StringComparison.Ordinal))
                .ToDictionary(
                    l => l[..l.IndexOf(':', StringComparison.Ordinal)].Trim(),
                    l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim(),
                    StringComparer.OrdinalIgnoreCase
                );
            var length = headers.TryGetValue("Content-Length", out var text)
                ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture)
                : 0;
            var body = new byte[length];
            await stream.ReadExactlyAsync(body, _stop.Token);
            int index;
            lock (_gate)
            {
                index = _requests.Count;
                _requests.Add(
                    new ReceivedRequest(lines[0], headers, Encoding.UTF8.GetString(body))
                );
            }
            var status = Answer(index);
            var answer = Encoding.ASCII.GetBytes(
                $"HTTP/1.1 {status} Whatever\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
            await stream.WriteAsync(answer, _stop.Token);
        }
        catch (Exception ex)
            when (ex is IOException or SocketException or OperationCanceledException)
        {
            // A client that went away is no request.
        }
    }

    private async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (head.Count < 64 * 1024)
        {
            if (await stream.ReadAsync(one, _stop.Token) == 0)
                throw new IOException("closed before the end of the head");
            head.Add(one[0]);
            if (
                head.Count >= 4
                && head[^4] == '\r'
                && head[^3] == '\n'
                && head[^2] == '\r'
                && head[^1] == '\n'
            )
                break;
        }
        return Encoding.ASCII.GetString([.. head]);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
    }
}

public sealed record ReceivedRequest(
    string RequestLine,
    IReadOnlyDictionary<string, string> Headers,
    string Body
);
