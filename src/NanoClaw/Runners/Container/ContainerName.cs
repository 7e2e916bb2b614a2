using System.Text.RegularExpressions;

namespace NanoClaw.Runners.Container;

/// <summary>
/// A run's container name, <c>nanoclaw-&lt;group&gt;-&lt;runId&gt;</c>: unique per run, and the prefix
/// lets the janitor find what a dead daemon left.
/// </summary>
internal static partial class ContainerName
{
    public const string Prefix = "nanoclaw-";

    /// <returns>The name, or null with <paramref name="error"/> when the parts would not make a safe one.</returns>
    public static string? Create(string group, string runId, out string? error)
    {
        // The group name was validated by the jobs file loader; checked again because the name ends
        // up as an argument of the runtime, where an odd value could be read as an option.
        var name = $"{Prefix}{group}-{runId}";
        error = SafeName().IsMatch(name)
            ? null
            : $"'{name}' is not a valid container name (group names and run ids may use a-z, 0-9, '_' and '-')";
        return error is null ? name : null;
    }

    [GeneratedRegex(@"\Ananoclaw-[a-z0-9][a-z0-9_-]{0,63}-[A-Za-z0-9_-]{1,64}\z")]
    private static partial Regex SafeName();
}
