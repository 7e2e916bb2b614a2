using System.Globalization;
using System.Text.RegularExpressions;

namespace NanoClaw.Text;

/// <summary>
/// An ISO-8601 date and time with an offset (<c>2026-12-01T03:00:00Z</c>), as a task's <c>once</c>
/// and <c>nanoclaw cron --from</c> take it: a lenient parse alone would take "12/01/2026 3:00 +01:00".
/// </summary>
internal static partial class IsoInstant
{
    public static bool TryParse(string text, out DateTimeOffset instant)
    {
        ArgumentNullException.ThrowIfNull(text);
        instant = default;
        return Shape().IsMatch(text)
            && DateTimeOffset.TryParse(
                text,
                CultureInfo.InvariantCulture,
                DateTimeStyles.None,
                out instant
            );
    }

    [GeneratedRegex(
        @"\A[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}([.,][0-9]+)?)?(Z|[+-][0-9]{2}:?[0-9]{2})\z",
        RegexOptions.IgnoreCase
    )]
    private static partial Regex Shape();
}
