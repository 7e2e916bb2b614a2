using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace NanoClaw.Tests.Admin;

/// <summary>
/// HTTP/1.1 written by hand over a socket: the request target and headers go out exactly as given
/// (HttpClient would normalise <c>/./</c>, <c>%41</c> or the Host header before sending).
/// </summary>
internal static class RawHttp
{
    public sealed record Response(int Status, IReadOnlyList<string> Headers, string Body)
    {
        public bool HasHeader(string prefix) =>
            Headers.Any(h => h.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));

        public override string ToString() => $"{Status}\n{string.Join('\n', Headers)}\n\n{Body}";
    }

    /// <summary>
    /// Sends one request and reads the answer to the end (the connection is closed after it);
    /// status 0 when the server closed without answering.
    /// </summary>
    public static async Task<Response> SendAsync(
        int port,
        string method,
        string target,
        IEnumerable<string>? headers = null,
        byte[]? body = null,
        string? host = null,
        bool chunked = false
    )
    {
        var ct = TestContext.Current.CancellationToken;
        var head = new StringBuilder()
            .Append(method)
            .Append(' ')
            .Append(target)
            .Append(" HTTP/1.1\r\nHost: ")
            .Append(host ?? $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}")
            .Append("\r\nConnection: close\r\n");
        foreach (var header in headers ?? [])
            head.Append(header).Append("\r\n");
        if (body is not null && chunked)
        {
            head.Append("Transfer-Encoding: chunked\r\n");
            body = Chunked(body);
        }
        else if (body is not null)
            head.Append("Content-Length: ").Append(body.Length).Append("\r\n");
        head.Append("\r\n");

        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port, ct);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), ct);
        if (body is not null)
        {
            try
            {
                await stream.WriteAsync(body, ct);
            }
            catch (IOException)
            {
                // The server may answer and close before taking all of a body it refuses.
            }
        }
        using var buffer = new MemoryStream();
        try
        {
            await stream.CopyToAsync(buffer, ct);
        }
        catch (IOException) when (buffer.Length > 0)
        {
            // A reset after the answer: what was read is the answer.
        }
        return Parse(buffer.ToArray());
    }

    /// <summary>A body for <c>Transfer-Encoding: chunked</c>: its length is not declared up front.</summary>
    private static byte[] Chunked(byte[] body)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var output = new MemoryStream();
        for (var offset = 0; offset < body.Length; offset += 64 * 1024)
        {
            var length = Math.Min(64 * 1024, body.Length - offset);
            output.Write(Encoding.ASCII.GetBytes($"{length:x}\r\n"));
            output.Write(body, offset, length);
            output.Write("\r\n"u8);
        }
        output.Write("0\r\n\r\n"u8);
        return output.ToArray();
    }

    private static Response Parse(byte[] raw)
    {
        // The server closed without a word (as a TLS listener does to plain HTTP).
        if (raw.Length == 0)
            return new Response(0, [], "");
        var end = raw.AsSpan().IndexOf("\r\n\r\n"u8);
        Assert.True(end > 0, $"no HTTP answer: '{Encoding.UTF8.GetString(raw)}'");
        var lines = Encoding.ASCII.GetString(raw, 0, end).Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var body = raw[(end + 4)..];
        if (
            lines.Any(l =>
                l.Equals("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase)
            )
        )
            body = Dechunk(body);
        return new Response(status, lines[1..], Encoding.UTF8.GetString(body));
    }

    private static byte[] Dechunk(byte[] chunked)
    {
        using var output = new MemoryStream();
        var position = 0;
        while (true)
        {
            var lineEnd = chunked.AsSpan(position).IndexOf("\r\n"u8);
            if (lineEnd <= 0)
                return output.ToArray();
            var size = Convert.ToInt32(Encoding.ASCII.GetString(chunked, position, lineEnd), 16);
            if (size == 0)
                return output.ToArray();
            output.Write(chunked, position + lineEnd + 2, size);
            position += lineEnd + 2 + size + 2;
        }
    }
}
