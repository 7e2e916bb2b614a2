using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace NanoClaw.Tests.Telemetry;

/// <summary>
/// A stand-in OpenTelemetry collector on a loopback port: takes OTLP/HTTP exports and keeps their
/// bodies by path (<c>/v1/traces</c>, <c>/v1/metrics</c>), answering each with 200.
/// </summary>
public sealed class OtlpCollector : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<(string Path, byte[] Body)> _exports = new();
    private readonly Task _serving;

    public OtlpCollector()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string Endpoint => $"http://127.0.0.1:{Port}";

    public IReadOnlyList<byte[]> Bodies(string path) =>
        [.. _exports.Where(e => e.Path == path).Select(e => e.Body)];

    public IReadOnlyList<OtlpSpan> Spans() => [.. Bodies("/v1/traces").SelectMany(OtlpSpans.Read)];

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            _exports.Enqueue((context.Request.Url!.AbsolutePath, body.ToArray()));
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Close();
        _serving.Wait(TimeSpan.FromSeconds(5));
    }
}
