using System.Text.RegularExpressions;

namespace NanoClaw.Jobs.Loading;

/// <summary>The rule for group names and task ids: they become folder and container names.</summary>
public static partial class Names
{
    public const string Pattern = "^[a-z0-9][a-z0-9_-]{0,63}$";

    public static bool IsValid(string name) => NameRegex().IsMatch(name);

    [GeneratedRegex(Pattern)]
    private static partial Regex NameRegex();
}
