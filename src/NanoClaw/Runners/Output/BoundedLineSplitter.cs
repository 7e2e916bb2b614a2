namespace NanoClaw.Runners.Output;

/// <summary>
/// Splits a byte stream into lines (without their <c>\n</c>) of at most <c>maxBytes</c> each: a
/// longer line comes out in pieces, cut between UTF-8 characters. Memory stays at one buffer of
/// <c>maxBytes</c> however long a line is, and every byte is copied at most twice, so following
/// output costs time linear in its size.
/// </summary>
internal sealed class BoundedLineSplitter(int maxBytes)
{
    private readonly byte[] _pending = new byte[maxBytes];
    private int _length;

    /// <summary>Hands every complete line, and every full piece of a longer one, to <paramref name="emit"/>.</summary>
    /// <remarks>What is emitted may point into <paramref name="data"/>: it is valid until emit's task ends.</remarks>
    public async Task PushAsync(ReadOnlyMemory<byte> data, Func<ReadOnlyMemory<byte>, Task> emit)
    {
        ArgumentNullException.ThrowIfNull(emit);
        while (!data.IsEmpty)
        {
            var newline = data.Span.IndexOf((byte)'\n');
            var lineBytes = newline < 0 ? data.Length : newline;
            var room = maxBytes - _length;
            if (newline >= 0 && lineBytes <= room)
            {
                if (_length == 0)
                {
                    await emit(data[..lineBytes]);
                }
                else
                {
                    data[..lineBytes].CopyTo(_pending.AsMemory(_length));
                    await emit(_pending.AsMemory(0, _length + lineBytes));
                    _length = 0;
                }
                data = data[(lineBytes + 1)..];
                continue;
            }
            if (lineBytes < room)
            {
                data.CopyTo(_pending.AsMemory(_length));
                _length += data.Length;
                return;
            }
            // The line does not fit: fill the buffer and send it as a piece, keeping a cut character.
            data[..room].CopyTo(_pending.AsMemory(_length));
            data = data[room..];
            var cut = CharacterBoundary(_pending);
            await emit(_pending.AsMemory(0, cut));
            _pending.AsSpan(cut).CopyTo(_pending);
            _length = maxBytes - cut;
        }
    }

    /// <summary>Hands over a last line that had no newline.</summary>
    public async Task FlushAsync(Func<ReadOnlyMemory<byte>, Task> emit)
    {
        ArgumentNullException.ThrowIfNull(emit);
        if (_length == 0)
            return;
        await emit(_pending.AsMemory(0, _length));
        _length = 0;
    }

    /// <summary>Where to cut <paramref name="bytes"/> so no UTF-8 character is split: before an incomplete last one.</summary>
    private static int CharacterBoundary(ReadOnlySpan<byte> bytes)
    {
        var lead = bytes.Length - 1;
        while (lead > 0 && bytes.Length - lead < 4 && (bytes[lead] & 0xC0) == 0x80)
            lead--;
        var needed = bytes[lead] switch
        {
            >= 0xF0 => 4,
            >= 0xE0 => 3,
            >= 0xC0 => 2,
            _ => 1,
        };
        return bytes.Length - lead < needed && lead > 0 ? lead : bytes.Length;
    }
}
