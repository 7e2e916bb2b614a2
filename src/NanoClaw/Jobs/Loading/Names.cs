using System.Text.RegularExpressions;

namespace NanoClaw.Jobs.Loading;

/// <summary>The rule for group names and task ids: they become folder and container names.</summary>
public static partial class Names
{
    /// <summary>The rule as users read it (contract §2).</summary>
    public const string Pattern = "^[a-z0-9][a-z0-9_-]{0,63}$";

    public static bool IsValid(string name) => NameRegex().IsMatch(name);

    // \A and \z, not ^ and $: .NET's $ also matches before a final newline, and "main\n" would pass.
    [GeneratedRegex(@"\A[a-z0-9][a-z0-9_-]{0,63}\z")]
    private static partial Regex NameRegex();
}
