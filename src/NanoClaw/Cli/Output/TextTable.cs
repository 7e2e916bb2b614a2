namespace NanoClaw.Cli.Output;

/// <summary>
/// Left-aligned columns sized to their widest cell, for output read by people. Cells can hold text
/// agents wrote (task ids are safe, but descriptions, commands and errors are not): every cell is
/// escaped as <see cref="TerminalText"/> does, and a line break or tab in it is shown, not obeyed.
/// </summary>
internal static class TextTable
{
    public static void Write(
        TextWriter writer,
        IReadOnlyList<string> header,
        IEnumerable<IReadOnlyList<string>> rows
    )
    {
        ArgumentNullException.ThrowIfNull(writer);
        var all = new List<IReadOnlyList<string>> { header };
        all.AddRange(rows.Select(row => (IReadOnlyList<string>)[.. row.Select(Cell)]));
        var widths = header.Select((_, i) => all.Max(r => r[i].Length)).ToArray();
        foreach (var row in all)
            writer.WriteLine(
                string.Join(
                        "  ",
                        row.Select(
                            (cell, i) => i == row.Count - 1 ? cell : cell.PadRight(widths[i])
                        )
                    )
                    .TrimEnd()
            );
    }

    private static string Cell(string text) =>
        TerminalText
            .Escape(text)
            .Replace("\r\n", "\\r\\n", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal)
            .Replace("\t", "\\t", StringComparison.Ordinal);
}
