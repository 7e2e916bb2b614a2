using System.Text.RegularExpressions;

namespace NanoClaw.Dashboard;

/// <summary>
/// A run's output made fit to show as text: terminal escape sequences (colours, cursor moves, window
/// titles) and other control characters are dropped, tabs and newlines kept. The page escapes
/// what is left as HTML; this only keeps a terminal's commands from showing as noise.
/// The same expression is in <c>run-follow.js</c> for the lines that arrive live.
/// </summary>
internal static partial class TerminalText
{
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Escapes().Replace(text, "");
    }

    [GeneratedRegex(
        @"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?|[\x00-\x08\x0b-\x1f\x7f]",
        RegexOptions.CultureInvariant
    )]
    private static partial Regex Escapes();
}
