namespace NanoClaw.Tests.Jobs;

/// <summary>
/// Builds small jobs files and finds where a piece of text sits in them, so a test states a problem's
/// location by pointing at the text rather than by counting columns by hand.
/// </summary>
internal static class JobsFileText
{
    public const string DefaultGroups = """ "main": { "isMain": true } """;

    /// <summary>A file with the given groups and one task, each task on its own line.</summary>
    public static string With(string groups = DefaultGroups, params string[] tasks) =>
        "{\n"
        + $"  \"groups\": {{ {groups.Trim()} }},\n"
        + "  \"tasks\": [\n"
        + string.Join(",\n", tasks.Select(t => "    " + t))
        + "\n  ]\n}\n";

    public static string Task(string task) => With(DefaultGroups, task);

    /// <summary><c>jobs.json:LINE:COL</c> of the <paramref name="occurrence"/>-th (from 1) appearance of <paramref name="text"/>.</summary>
    public static string At(string json, string text, int occurrence = 1)
    {
        var index = -1;
        for (var i = 0; i < occurrence; i++)
        {
            index = json.IndexOf(text, index + 1, StringComparison.Ordinal);
            if (index < 0)
                throw new ArgumentException($"'{text}' does not occur {occurrence} time(s)");
        }
        var line = json[..index].Count(c => c == '\n') + 1;
        var lineStart = index == 0 ? 0 : json.LastIndexOf('\n', index - 1) + 1;
        var column = index - lineStart + 1;
        return $"jobs.json:{line}:{column}";
    }
}
