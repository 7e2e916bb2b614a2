namespace NanoClaw.Runners.Output;

/// <summary>
/// The run's log file: stdout as printed, stderr lines prefixed <c>[stderr] </c>. Written through
/// as it arrives (and flushed per chunk) so <c>logs --follow</c> sees lines while the run goes on.
/// </summary>
internal sealed class RunLog : IAsyncDisposable
{
    public const string StderrPrefix = "[stderr] ";
    private static readonly byte[] PrefixBytes = System.Text.Encoding.ASCII.GetBytes(StderrPrefix);
    private readonly FileStream _file;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _stderrAtLineStart = true;

    public RunLog(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _file = new FileStream(
            path,
            FileMode.Create,
            FileAccess.Write,
            FileShare.ReadWrite | FileShare.Delete,
            64 * 1024,
            useAsync: true
        );
    }

    public async Task WriteStdoutAsync(
        ReadOnlyMemory<byte> chunk,
        CancellationToken cancellationToken = default
    )
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await _file.WriteAsync(chunk, cancellationToken);
            await _file.FlushAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task WriteStderrAsync(
        ReadOnlyMemory<byte> chunk,
        CancellationToken cancellationToken = default
    )
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var rest = chunk;
            while (!rest.IsEmpty)
            {
                if (_stderrAtLineStart)
                    await _file.WriteAsync(PrefixBytes, cancellationToken);
                var newline = rest.Span.IndexOf((byte)'\n');
                var line = newline < 0 ? rest : rest[..(newline + 1)];
                await _file.WriteAsync(line, cancellationToken);
                _stderrAtLineStart = newline >= 0;
                rest = rest[line.Length..];
            }
            await _file.FlushAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _file.DisposeAsync();
        _gate.Dispose();
    }
}
