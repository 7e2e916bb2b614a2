using System.Text;
using System.Text.Json;

namespace NanoClaw.Jobs.Loading;

/// <summary>
/// Loads and validates a jobs file (contract §2). Every problem is reported at once with its
/// <c>file:line:column</c>, and an invalid file yields no <see cref="JobsFile"/> at all.
/// </summary>
public static class JobsFileLoader
{
    public static JobsLoadResult Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var name = Path.GetFileName(path);
        try
        {
            return ReadBounded(path) is { } json
                ? Parse(json, name)
                : Fail(
                    name,
                    $"the jobs file '{path}' is larger than {InputLimits.MaxJobsFileBytes / (1024 * 1024)} MiB; split its tasks or remove what is unused"
                );
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return Fail(
                name,
                $"the jobs file '{path}' does not exist (set NanoClaw:JobsFile or create it)"
            );
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Fail(name, $"the jobs file '{path}' cannot be read: {ex.Message}");
        }
    }

    public static JobsLoadResult Parse(string json, string displayName)
    {
        ArgumentNullException.ThrowIfNull(json);
        var problems = new ProblemList(displayName);
        PositionedJson root;
        try
        {
            root = PositionedJsonReader.Parse(json, problems);
        }
        catch (JsonException ex)
        {
            return new JobsLoadResult(null, [SyntaxProblem(ex, json, displayName)]);
        }

        if (root.Kind != JsonKind.Object)
        {
            problems.Add(
                root,
                null,
                $"the jobs file must be an object with 'groups' and 'tasks', not {root.Describe()}"
            );
            return new JobsLoadResult(null, problems.Items);
        }
        var fields = new ObjectFields(root, null, problems, "groups", "tasks", "$schema");
        var groupsJson = fields.Of(JsonKind.Object, "groups", "an object");
        if (fields.Get("groups") is null)
            problems.Add(
                root,
                null,
                "'groups' is required: declare at least the group each task belongs to"
            );
        var groups = groupsJson is null
            ? new Dictionary<string, GroupDefinition>()
            : GroupReader.Read(groupsJson, problems);

        var tasks = new List<TaskDefinition>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in fields.Of(JsonKind.Array, "tasks", "an array")?.Items ?? [])
        {
            var task = TaskReader.Read(item, groups, problems, TaskSource.File);
            if (task is null)
                continue;
            if (!seen.Add(task.Id))
                problems.Add(
                    item,
                    $"task '{task.Id}'",
                    "the id is used by another task already; task ids are unique"
                );
            else
                tasks.Add(task);
        }
        // Readers check a value's fields in their own order; a person reads the file top to bottom.
        return problems.Items.Count > 0
            ? new JobsLoadResult(
                null,
                [.. problems.Items.OrderBy(p => p.Line).ThenBy(p => p.Column)]
            )
            : new JobsLoadResult(new JobsFile { Groups = groups, Tasks = tasks }, []);
    }

    /// <summary>
    /// One task created at run time (admin API), checked by the same rules as the jobs file's,
    /// against the groups the store holds. <paramref name="displayName"/> names the source in problems.
    /// </summary>
    public static TaskLoadResult ParseTask(
        string json,
        IReadOnlyDictionary<string, GroupDefinition> groups,
        string displayName,
        TaskSource source = TaskSource.Api
    )
    {
        ArgumentNullException.ThrowIfNull(json);
        var problems = new ProblemList(displayName);
        PositionedJson root;
        try
        {
            root = PositionedJsonReader.Parse(json, problems);
        }
        catch (JsonException ex)
        {
            return new TaskLoadResult(null, [SyntaxProblem(ex, json, displayName)]);
        }
        var task = TaskReader.Read(root, groups, problems, source);
        return problems.Items.Count > 0 || task is null
            ? new TaskLoadResult(null, problems.Items)
            : new TaskLoadResult(task, []);
    }

    /// <summary>The file's text, or null when it is over the cap; never reads more than the cap, however the file grows.</summary>
    private static string? ReadBounded(string path)
    {
        using var stream = new FileStream(
            path,
            FileMode.Open,
            FileAccess.Read,
            FileShare.ReadWrite
        );
        using var memory = new MemoryStream();
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            if (memory.Length + read > InputLimits.MaxJobsFileBytes)
                return null;
            memory.Write(buffer, 0, read);
        }
        return Encoding
            .UTF8.GetString(memory.GetBuffer(), 0, (int)memory.Length)
            .TrimStart('\uFEFF');
    }

    private static JobsFileProblem SyntaxProblem(JsonException ex, string json, string displayName)
    {
        var line = (int)(ex.LineNumber ?? 0) + 1;
        return new(
            displayName,
            line,
            CharColumn(json, line, (int)(ex.BytePositionInLine ?? 0)),
            null,
            $"not valid JSON: {FirstSentence(ex.Message)}"
        );
    }

    private static JobsLoadResult Fail(string name, string message) =>
        new(null, [new JobsFileProblem(name, 1, 1, null, message)]);

    /// <summary>The parser counts bytes within a line; every other problem, and an editor, counts characters.</summary>
    private static int CharColumn(string json, int line, int bytePosition)
    {
        var text = json.Split('\n') is var lines && line <= lines.Length ? lines[line - 1] : "";
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        return System.Text.Encoding.UTF8.GetCharCount(
                bytes,
                0,
                Math.Min(bytePosition, bytes.Length)
            ) + 1;
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
