using System.Text;

namespace NanoClaw.Runners.Output;

/// <summary>Keeps the last <c>capacity</c> bytes of a stream in a fixed ring, whatever flows through.</summary>
internal sealed class TailBuffer(int capacity)
{
    private readonly byte[] _ring = new byte[capacity];
    private long _total;

    public bool IsTruncated => _total > capacity;

    public void Append(ReadOnlySpan<byte> data)
    {
        if (data.Length >= capacity)
        {
            data[^capacity..].CopyTo(_ring);
            _total += data.Length;
            // Realign so the ring's logical start is index 0.
            _start = 0;
            _length = capacity;
            return;
        }
        var end = (_start + _length) % capacity;
        var first = Math.Min(data.Length, capacity - end);
        data[..first].CopyTo(_ring.AsSpan(end));
        data[first..].CopyTo(_ring);
        _length += data.Length;
        if (_length > capacity)
        {
            _start = (_start + _length - capacity) % capacity;
            _length = capacity;
        }
        _total += data.Length;
    }

    private int _start;
    private int _length;

    /// <summary>The kept bytes as text; a character cut in half at the start is dropped.</summary>
    public CapturedOutput ToCaptured()
    {
        var bytes = new byte[_length];
        var first = Math.Min(_length, capacity - _start);
        _ring.AsSpan(_start, first).CopyTo(bytes);
        _ring.AsSpan(0, _length - first).CopyTo(bytes.AsSpan(first));
        var skip = 0;
        if (IsTruncated)
        {
            while (skip < bytes.Length && (bytes[skip] & 0xC0) == 0x80)
                skip++;
        }
        return new CapturedOutput(
            Encoding.UTF8.GetString(bytes, skip, bytes.Length - skip),
            IsTruncated
        );
    }
}
