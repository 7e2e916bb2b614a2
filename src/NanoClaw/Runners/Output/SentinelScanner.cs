using System.Buffers;
using System.Text;

namespace NanoClaw.Runners.Output;

/// <summary>
/// Finds <c>---NANOCLAW_OUTPUT_START---</c> … <c>---NANOCLAW_OUTPUT_END---</c> in a byte stream as it
/// passes, without keeping the stream: only the bytes inside a block are buffered (bounded), and the
/// last complete block wins.
/// </summary>
internal sealed class SentinelScanner
{
    public const int MaxBlockBytes = 1024 * 1024;
    private static readonly byte[] Start = Encoding.ASCII.GetBytes("---NANOCLAW_OUTPUT_START---");
    private static readonly byte[] End = Encoding.ASCII.GetBytes("---NANOCLAW_OUTPUT_END---");

    // Bytes not yet decided on: they may be the first half of a marker split across two chunks.
    private readonly byte[] _carry = new byte[Math.Max(Start.Length, End.Length)];
    private int _carryLength;
    private ArrayBufferWriter<byte>? _block;
    private bool _blockOverflowed;

    public string? LastBlock { get; private set; }

    /// <summary>Whether a block was dropped for being larger than <see cref="MaxBlockBytes"/>.</summary>
    public bool DroppedOversizedBlock { get; private set; }

    public void Append(ReadOnlySpan<byte> chunk)
    {
        if (_carryLength == 0)
        {
            Scan(chunk);
            return;
        }
        var joined = ArrayPool<byte>.Shared.Rent(_carryLength + chunk.Length);
        try
        {
            _carry.AsSpan(0, _carryLength).CopyTo(joined);
            chunk.CopyTo(joined.AsSpan(_carryLength));
            var length = _carryLength + chunk.Length;
            _carryLength = 0;
            Scan(joined.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(joined);
        }
    }

    private void Scan(ReadOnlySpan<byte> data)
    {
        while (true)
        {
            var marker = _block is null ? Start : End;
            var at = data.IndexOf(marker);
            if (at < 0)
            {
                var undecided = Math.Min(marker.Length - 1, data.Length);
                if (_block is not null)
                    Buffer(data[..^undecided]);
                data[^undecided..].CopyTo(_carry);
                _carryLength = undecided;
                return;
            }
            if (_block is null)
            {
                _block = new ArrayBufferWriter<byte>();
                _blockOverflowed = false;
            }
            else
            {
                Buffer(data[..at]);
                Finish();
            }
            data = data[(at + marker.Length)..];
        }
    }

    private void Buffer(ReadOnlySpan<byte> bytes)
    {
        if (_blockOverflowed)
            return;
        if (_block!.WrittenCount + bytes.Length > MaxBlockBytes)
        {
            _blockOverflowed = true;
            return;
        }
        _block.Write(bytes);
    }

    private void Finish()
    {
        if (_blockOverflowed)
            DroppedOversizedBlock = true;
        else
            LastBlock = Encoding.UTF8.GetString(_block!.WrittenSpan);
        _block = null;
    }
}
