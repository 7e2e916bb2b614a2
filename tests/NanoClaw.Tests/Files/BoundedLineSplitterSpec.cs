using System.Text;
using NanoClaw.Runners.Output;

namespace NanoClaw.Tests.Files;

public sealed class BoundedLineSplitterSpec
{
    [Fact]
    public async Task Lines_come_out_whole_and_long_lines_in_pieces_that_never_split_a_character()
    {
        const int Max = 16;
        var text = "short\n" + string.Concat(Enumerable.Repeat("é€😀x", 20)) + "\n\nlast";
        var bytes = Encoding.UTF8.GetBytes(text);
        var splitter = new BoundedLineSplitter(Max);
        var pieces = new List<byte[]>();
        Func<ReadOnlyMemory<byte>, Task> emit = piece =>
        {
            pieces.Add(piece.ToArray());
            return Task.CompletedTask;
        };

        // Odd chunk sizes, so lines and characters straddle reads.
        for (var at = 0; at < bytes.Length; at += 7)
            await splitter.PushAsync(bytes.AsMemory(at, Math.Min(7, bytes.Length - at)), emit);
        await splitter.FlushAsync(emit);

        Assert.All(pieces, p => Assert.InRange(p.Length, 0, Max));
        Assert.All(
            pieces,
            p => Assert.Equal(p, Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(p)))
        );
        var decoded = pieces.Select(p => Encoding.UTF8.GetString(p)).ToList();
        Assert.Equal("short", decoded[0]);
        Assert.Equal("last", decoded[^1]);
        Assert.Equal("", decoded[^2]);
        Assert.Equal(text.Replace("\n", "", StringComparison.Ordinal), string.Concat(decoded));
        Assert.True(decoded.Count > 10, "the long line was not cut into pieces");
    }
}
