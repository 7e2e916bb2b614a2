namespace NanoClaw.Cli.Output;

/// <summary>
/// Left-aligned columns sized to their widest cell, for output read by people. Cells can hold text
/// agents wrote (task ids are safe, but descriptions, commands and errors are not): every cell is
/// escaped as <see cref="TerminalText"/> does, and a line break or tab in it is shown, not obeyed.
/// </summary>
internal static class TextTable
{
    /// <remarks>
    /// The cells of <paramref name="statusColumns"/> get their status word coloured on a terminal
    /// (<see cref="StatusColour"/>), after escaping and padding, so colour never shifts a column.
    /// </remarks>
    public static void Write(
        TextWriter writer,
        IReadOnlyList<string> header,
        IEnumerable<IReadOnlyList<string>> rows,
        params int[] statusColumns
    )
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(header);
        var all = new List<IReadOnlyList<string>> { header };
        all.AddRange(rows.Select(row => (IReadOnlyList<string>)[.. row.Select(Cell)]));
        var widths = header.Select((_, i) => all.Max(r => r[i].Length)).ToArray();
        for (var r = 0; r < all.Count; r++)
        {
            var row = all[r];
            var isBody = r > 0;
            writer.WriteLine(
                string.Join(
                        "  ",
                        row.Select(
                            (cell, i) =>
                            {
                                var padded = i == row.Count - 1 ? cell : cell.PadRight(widths[i]);
                                return isBody && statusColumns.Contains(i)
                                    ? StatusColour.Apply(padded)
                                    : padded;
                            }
                        )
                    )
                    .TrimEnd()
            );
        }
    }

    private static string Cell(string text) =>
        TerminalText
            .Escape(text)
            .Replace("\r\n", "\\r\\n", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal)
            .Replace("\t", "\\t", StringComparison.Ordinal);
}
