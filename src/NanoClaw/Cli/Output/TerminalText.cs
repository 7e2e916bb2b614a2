using System.Globalization;
using System.Text;

namespace NanoClaw.Cli.Output;

/// <summary>
/// Makes a run's output safe to show: a run could otherwise print escape sequences that retitle,
/// recolour or rewrite the reader's terminal (or hide text by moving the cursor back over it).
/// Control characters are shown as visible escapes instead: C0 controls as <c>\x1b</c>, DEL as
/// <c>\x7f</c>, C1 controls and the bidirectional overrides as <c>\u009b</c>. Newline and tab are
/// kept, and a carriage return directly before a newline.
/// </summary>
internal static class TerminalText
{
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var firstUnsafe = FirstUnsafe(text);
        if (firstUnsafe < 0)
            return text;
        var escaped = new StringBuilder(text.Length + 16).Append(text, 0, firstUnsafe);
        for (var i = firstUnsafe; i < text.Length; i++)
        {
            var c = text[i];
            if (!IsUnsafe(text, i))
                escaped.Append(c);
            else if (c < 0x80)
                escaped.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
            else
                escaped.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
        }
        return escaped.ToString();
    }

    private static int FirstUnsafe(string text)
    {
        for (var i = 0; i < text.Length; i++)
            if (IsUnsafe(text, i))
                return i;
        return -1;
    }

    private static bool IsUnsafe(string text, int i) =>
        text[i] switch
        {
            '\n' or '\t' => false,
            '\r' => i + 1 >= text.Length || text[i + 1] != '\n',
            < ' ' or '\x7f' => true,
            >= '\x80' and <= '\x9f' => true,
            // Bidirectional embeddings, overrides and isolates reorder what the reader sees.
            >= '\u202a' and <= '\u202e' or >= '\u2066' and <= '\u2069' => true,
            _ => false,
        };
}
