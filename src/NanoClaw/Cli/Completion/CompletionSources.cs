using System.CommandLine;
using System.CommandLine.Completions;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using NanoClaw.Runs;
using NanoClaw.Runs.Sqlite;

namespace NanoClaw.Cli.Completion;

/// <summary>
/// Completes task ids and group names from the jobs file, and run ids from the store's newest runs,
/// wherever a command takes one. Completion runs on every Tab, so it reads only local files, never
/// asks the daemon, and stays silent when anything is missing or broken.
/// </summary>
internal static class CompletionSources
{
    private const int RecentRuns = 30;

    public static void Attach(Command root, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(context);
        foreach (var argument in root.Arguments)
        {
            if (argument.Name == "TASK_ID")
                argument.CompletionSources.Add(_ => JobsFileNames(context, tasks: true));
            else if (argument.Name == "RUN_ID")
                argument.CompletionSources.Add(_ => RunIds(context));
        }
        foreach (var option in root.Options)
        {
            if (option.Name == "--task")
                option.CompletionSources.Add(_ => JobsFileNames(context, tasks: true));
            else if (option.Name == "--group")
                option.CompletionSources.Add(_ => JobsFileNames(context, tasks: false));
        }
        foreach (var command in root.Subcommands)
            Attach(command, context);
    }

    private static IEnumerable<CompletionItem> JobsFileNames(CliContext context, bool tasks)
    {
        var settings = context.LoadOrReport(TextWriter.Null);
        if (settings is null || !File.Exists(settings.Paths.JobsFile))
            return [];
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(settings.Paths.JobsFile));
            var root = document.RootElement;
            if (
                tasks
                && root.TryGetProperty("tasks", out var list)
                && list.ValueKind == JsonValueKind.Array
            )
                return
                [
                    .. list.EnumerateArray()
                        .Where(t =>
                            t.ValueKind == JsonValueKind.Object
                            && t.TryGetProperty("id", out var id)
                            && id.ValueKind == JsonValueKind.String
                        )
                        .Select(t => new CompletionItem(t.GetProperty("id").GetString()!)),
                ];
            if (
                !tasks
                && root.TryGetProperty("groups", out var groups)
                && groups.ValueKind == JsonValueKind.Object
            )
                return [.. groups.EnumerateObject().Select(g => new CompletionItem(g.Name))];
        }
        catch (Exception ex)
            when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            // A broken jobs file completes nothing; `validate` is where it is explained.
        }
        return [];
    }

    private static IEnumerable<CompletionItem> RunIds(CliContext context)
    {
        var settings = context.LoadOrReport(TextWriter.Null);
        if (settings is null || !File.Exists(settings.Paths.DatabaseFile))
            return [];
        try
        {
            var store = new SqliteRunStore(
                new SqliteConnectionFactory(settings.Paths.DatabaseFile)
            );
            var runs = store
                .ListAsync(new RunQuery { Limit = RecentRuns })
                .GetAwaiter()
                .GetResult();
            return
            [
                .. runs.Select(r => new CompletionItem(
                    r.Id,
                    detail: $"{r.TaskId ?? "exec"} {r.Status}"
                )),
            ];
        }
        catch (Exception ex)
            when (ex is SqliteException or IOException or InvalidOperationException)
        {
            return [];
        }
    }
}
