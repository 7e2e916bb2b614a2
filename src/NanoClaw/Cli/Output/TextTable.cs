namespace NanoClaw.Cli.Output;

/// <summary>Left-aligned columns sized to their widest cell, for output read by people.</summary>
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
        all.AddRange(rows);
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
}
