using System.Text;
using NanoClaw.Files;
using Serilog;

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
    private static readonly byte[] PrefixBytes = Encoding.ASCII.GetBytes(StderrPrefix);
    private readonly FileStream _file;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly long _maxBytes;
    private long _written;
    private bool _stderrAtLineStart = true;

    private RunLog(FileStream file, long maxBytes)
    {
        _file = file;
        _maxBytes = maxBytes;
    }

    /// <summary>
    /// Creates the run's new log file, mode 0600, without following any link planted in the group
    /// folder (see <see cref="RunLogFiles"/>); what had to be moved aside is noted in the log and in
    /// the daemon's log.
    /// </summary>
    /// <param name="path">The log file: <c>groups/&lt;group&gt;/logs/&lt;file&gt;</c>.</param>
    /// <param name="maxBytes">The most the file may hold; zero for no limit.</param>
    /// <exception cref="IOException">The file cannot be created safely; nothing was written anywhere.</exception>
    public static async Task<RunLog> CreateAsync(string path, long maxBytes = 0)
    {
        var repairs = new List<string>();
        var handle = RunLogFiles.Create(path, repairs);
        var log = new RunLog(new FileStream(handle, FileAccess.Write, 64 * 1024), maxBytes);
        foreach (var repair in repairs)
        {
            Log.ForContext<RunLog>().Warning("Run log folder repaired: {Repair}", repair);
            await log.WriteBoundedAsync(
                Encoding.UTF8.GetBytes($"[nanoclaw] {repair}\n"),
                CancellationToken.None
            );
        }
        return log;
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
        var note = Encoding.UTF8.GetBytes(
            $"\n[nanoclaw] log truncated at {_maxBytes} bytes (the size cap); the run record keeps the end of each stream\n"
        );
        await _file.WriteAsync(note, cancellationToken);
        _written = _maxBytes + 1;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _file.DisposeAsync();
        }
        catch (IOException)
        {
            // Every chunk is flushed as it comes: only bytes whose write already failed, and was
            // reported as the run's failure, can be left to flush here.
        }
        _gate.Dispose();
    }
}
