namespace NanoClaw.Runners.Output;

/// <summary>
/// The run's log file: stdout as printed, stderr lines prefixed <c>[stderr] </c>. Written through
/// as it arrives (and flushed per chunk) so <c>logs --follow</c> sees lines while the run goes on.
/// Bounded by <c>MaxLogFileBytes</c>: past it a note says so and the rest is dropped (the run
/// record still keeps the last bytes of each stream), so a runaway run cannot fill the disk.
/// </summary>
internal sealed class RunLog : IAsyncDisposable
{
    public const string StderrPrefix = "[stderr] ";
    private static readonly byte[] PrefixBytes = System.Text.Encoding.ASCII.GetBytes(StderrPrefix);
    private readonly FileStream _file;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly long _maxBytes;
    private long _written;
    private bool _stderrAtLineStart = true;

    /// <param name="path">The log file, created or overwritten.</param>
    /// <param name="maxBytes">The most the file may hold; zero for no limit.</param>
    public RunLog(string path, long maxBytes = 0)
    {
        _maxBytes = maxBytes;
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
            await WriteBoundedAsync(chunk, cancellationToken);
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
                    await WriteBoundedAsync(PrefixBytes, cancellationToken);
                var newline = rest.Span.IndexOf((byte)'\n');
                var line = newline < 0 ? rest : rest[..(newline + 1)];
                await WriteBoundedAsync(line, cancellationToken);
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

    private async Task WriteBoundedAsync(
        ReadOnlyMemory<byte> bytes,
        CancellationToken cancellationToken
    )
    {
        if (_maxBytes <= 0)
        {
            await _file.WriteAsync(bytes, cancellationToken);
            return;
        }
        if (_written > _maxBytes)
            return;
        var room = _maxBytes - _written;
        if (bytes.Length <= room)
        {
            await _file.WriteAsync(bytes, cancellationToken);
            _written += bytes.Length;
            return;
        }
        await _file.WriteAsync(bytes[..(int)room], cancellationToken);
        var note = System.Text.Encoding.UTF8.GetBytes(
            $"\n[nanoclaw] log truncated at {_maxBytes} bytes (the size cap); the run record keeps the end of each stream\n"
        );
        await _file.WriteAsync(note, cancellationToken);
        _written = _maxBytes + 1;
    }

    public async ValueTask DisposeAsync()
    {
        await _file.DisposeAsync();
        _gate.Dispose();
    }
}
