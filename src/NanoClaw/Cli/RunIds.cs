using System.Text.RegularExpressions;
using NanoClaw.Runs;

namespace NanoClaw.Cli;

/// <summary>
/// A run id as an operator types it: the whole id, or a prefix of at least
/// <see cref="MinPrefixLength"/> characters that only one run has. A malformed id and an ambiguous
/// prefix are invalid arguments (exit 2); the candidates are listed so the next try is exact.
/// </summary>
internal static partial class RunIds
{
    public const int MinPrefixLength = 4;
    private const int MaxCandidates = 10;

    /// <summary>Why <paramref name="input"/> cannot be a run id, or null.</summary>
    public static string? Problem(string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return IdShape().IsMatch(input)
            ? null
            : $"'{Shorten(input)}' is not a run id: run ids are letters, digits, '-' and '_' (at most 64); 'nanoclaw runs' lists them.";
    }

    /// <summary>
    /// The run <paramref name="input"/> names, given runs whose id starts with a text (newest first,
    /// at most the number asked for). Null with the exit code and a message when it names none or several.
    /// </summary>
    public static async Task<Resolution> ResolveAsync(
        string input,
        Func<string, int, Task<IReadOnlyList<RunRecord>>> startingWith
    )
    {
        ArgumentNullException.ThrowIfNull(startingWith);
        if (Problem(input) is { } problem)
            return new Resolution(null, ExitCodes.Invalid, problem);
        var candidates = await startingWith(input, MaxCandidates + 1);
        if (candidates.FirstOrDefault(r => r.Id == input) is { } exact)
            return new Resolution(exact.Id, ExitCodes.Ok, null);
        if (candidates.Count == 0)
            return new Resolution(
                null,
                ExitCodes.Failed,
                $"No run '{input}'; 'nanoclaw runs' lists them."
            );
        if (input.Length < MinPrefixLength)
            return new Resolution(
                null,
                ExitCodes.Invalid,
                $"'{input}' is too short to name a run: give at least {MinPrefixLength} characters of its id."
            );
        if (candidates.Count == 1)
            return new Resolution(candidates[0].Id, ExitCodes.Ok, null);
        var listed = candidates
            .Take(MaxCandidates)
            .Select(r =>
                $"  {r.Id}  {r.TaskId ?? "(exec)"}  {RunStatusNames.ToName(r.Status)}  {Output.Display.Time(r.StartedAt)}"
            );
        var more = candidates.Count > MaxCandidates ? $"{Environment.NewLine}  …and more" : "";
        return new Resolution(
            null,
            ExitCodes.Invalid,
            $"'{input}' matches several runs; give more of the id:{Environment.NewLine}{string.Join(Environment.NewLine, listed)}{more}"
        );
    }

    private static string Shorten(string input) =>
        input.Length <= 80 ? TerminalTextOf(input) : TerminalTextOf(input[..80]) + "…";

    private static string TerminalTextOf(string text) => Output.TerminalText.Escape(text);

    [GeneratedRegex(@"\A[A-Za-z0-9_-]{1,64}\z")]
    private static partial Regex IdShape();

    /// <summary>The run id, or why there is none and the exit code that says so.</summary>
    internal sealed record Resolution(string? Id, int ExitCode, string? Message);
}
