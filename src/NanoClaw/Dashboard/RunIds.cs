namespace NanoClaw.Dashboard;

/// <summary>
/// Whether a run id from a URL is worth looking up: the ids NanoClaw makes are short and use
/// letters, digits, <c>-</c>, <c>_</c>, <c>.</c> and <c>:</c>; anything else is no run, answered
/// 404 without touching the store.
/// </summary>
internal static class RunIds
{
    public const int MaxLength = 128;

    public static bool IsPlausible(string? id) =>
        !string.IsNullOrEmpty(id)
        && id.Length <= MaxLength
        && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');
}
