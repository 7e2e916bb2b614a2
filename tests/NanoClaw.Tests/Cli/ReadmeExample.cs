using System.Text.RegularExpressions;

namespace NanoClaw.Tests.Cli;

/// <summary>
/// One <c>nanoclaw …</c> line of a README code block, read by the conventions
/// <see cref="ReadmeExamplesSpec"/> documents.
/// </summary>
public sealed partial record ReadmeExample(
    int Line,
    string Text,
    string Command,
    string? Needs,
    int ExpectedExit
)
{
    private const string CheckoutPrefix = "dotnet run --project src/NanoClaw -- ";

    public bool RunsWithDaemonStopped => Needs == "daemon stopped";

    public bool IsParseOnly => Needs is not null && !RunsWithDaemonStopped;

    public override string ToString() => $"README.md:{Line}: `{Text}`";

    /// <summary>Every example in the shell code blocks of a README, in order.</summary>
    public static IReadOnlyList<ReadmeExample> All(string readme)
    {
        var lines = readme.Split('\n');
        var examples = new List<ReadmeExample>();
        var shell = false;
        var inBlock = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inBlock = !inBlock;
                shell = inBlock && line.Trim()[3..] is "" or "sh" or "bash" or "shell" or "console";
                continue;
            }
            if (!shell)
                continue;
            var first = i;
            while (line.EndsWith('\\') && i + 1 < lines.Length)
                line = line[..^1].TrimEnd() + " " + lines[++i].Trim();
            var text = line.Trim();
            if (text.StartsWith("$ ", StringComparison.Ordinal))
                text = text[2..];
            string command;
            if (text.StartsWith(CheckoutPrefix, StringComparison.Ordinal))
                command = "nanoclaw " + text[CheckoutPrefix.Length..];
            else if (text.StartsWith("nanoclaw ", StringComparison.Ordinal) || text == "nanoclaw")
                command = text;
            else
                continue;
            var needs = NeedsMarker().Match(text);
            var exit = ExitMarker().Match(text);
            examples.Add(
                new ReadmeExample(
                    first + 1,
                    text,
                    command,
                    needs.Success ? needs.Groups[1].Value.Trim() : null,
                    exit.Success
                        ? int.Parse(
                            exit.Groups[1].Value,
                            System.Globalization.CultureInfo.InvariantCulture
                        )
                        : 0
                )
            );
        }
        return examples;
    }

    [GeneratedRegex(@"#.*\(needs: ([^)]+)\)")]
    private static partial Regex NeedsMarker();

    [GeneratedRegex(@"#.*\(exit (\d)\)")]
    private static partial Regex ExitMarker();
}
