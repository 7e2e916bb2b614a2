using System.Text.Json.Nodes;
using NanoClaw.Jobs;
using NanoClaw.Jobs.Loading;
using NanoClaw.Scheduling;
using NanoClaw.Text;

namespace NanoClaw.Admin;

/// <summary>
/// Creating and changing tasks at run time, for the admin API and the dashboard alike: checked by
/// the jobs file's rules against the stored groups, and applied whole or not at all.
/// </summary>
internal sealed class TaskEditing(TaskControl control)
{
    /// <summary>A new task from its jobs-file shape; <paramref name="displayName"/> names it in problems.</summary>
    public async Task<TaskEditResult> CreateAsync(
        string json,
        string displayName,
        TaskBodyText? layout = null,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(json);
        var parsed = JobsFileLoader.ParseTask(
            json,
            await GroupsAsync(cancellationToken),
            displayName
        );
        if (parsed.Task is not { } task)
            return Invalid(parsed.Problems, layout, located: true);
        if (await control.FindAsync(task.Id, cancellationToken) is { } existing)
            return new TaskEditResult(TaskEditOutcome.Exists)
            {
                Message =
                    $"a task '{task.Id}' exists already (source: {SourceName(existing.Definition)}); task ids are unique",
            };
        await control.AddAsync(task, cancellationToken);
        return await DoneAsync(task.Id, cancellationToken);
    }

    /// <summary>
    /// Lays <paramref name="patch"/> over a run-time or agent task (<see cref="TaskPatch"/>) and puts
    /// the result in its place: same id, same pause, the new schedule from now on.
    /// </summary>
    public async Task<TaskEditResult> UpdateAsync(
        string id,
        JsonObject patch,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(patch);
        if (await control.FindAsync(id, cancellationToken) is not { } existing)
            return await NotFoundAsync(id, cancellationToken);
        // The jobs file would put its own definition back on its next sync.
        if (existing.Definition.Source == TaskSource.File)
            return new TaskEditResult(TaskEditOutcome.FromJobsFile)
            {
                Message = $"task '{id}' is defined in the jobs file; change it there and reload",
            };
        JsonObject body;
        try
        {
            body = TaskPatch.Apply(existing.Definition, patch);
        }
        catch (TaskPatchException ex)
        {
            return new TaskEditResult(TaskEditOutcome.Invalid)
            {
                Problems = [new TaskFieldProblem(ex.Field, ex.Message, ex.Message)],
            };
        }
        var layout = TaskBodyText.Write(body);
        var parsed = JobsFileLoader.ParseTask(
            layout.Json,
            await GroupsAsync(cancellationToken),
            $"task '{id}'",
            existing.Definition.Source
        );
        if (parsed.Task is not { } task)
            return Invalid(parsed.Problems, layout, located: false);
        var replacement = task with
        {
            Source = existing.Definition.Source,
            CreatedBy = existing.Definition.CreatedBy,
        };
        await control.ReplaceAsync(existing, replacement, cancellationToken);
        return await DoneAsync(id, cancellationToken);
    }

    private async Task<TaskEditResult> DoneAsync(string id, CancellationToken cancellationToken) =>
        await control.FindAsync(id, cancellationToken) is { } stored
            ? new TaskEditResult(TaskEditOutcome.Done) { Task = stored }
            : new TaskEditResult(TaskEditOutcome.NotFound)
            {
                Message = $"task '{id}' was removed while it was being saved",
            };

    private async Task<TaskEditResult> NotFoundAsync(string id, CancellationToken cancellationToken)
    {
        var known = (await control.ListAsync(cancellationToken)).Select(t => t.Definition.Id);
        return new TaskEditResult(TaskEditOutcome.NotFound)
        {
            Message =
                $"no task '{id}'.{NameSuggestions.Phrase(id, known)} 'nanoclaw tasks' lists them.",
        };
    }

    /// <summary>
    /// Problems of a body the caller wrote keep their <c>file:line:col</c>; those of a body laid
    /// together here would point into text nobody has seen, so they name the field instead.
    /// </summary>
    private static TaskEditResult Invalid(
        IReadOnlyList<JobsFileProblem> problems,
        TaskBodyText? layout,
        bool located
    ) =>
        new(TaskEditOutcome.Invalid)
        {
            Problems =
            [
                .. problems.Select(p =>
                {
                    var field = layout?.FieldAt(p.Line, p.Message);
                    var text =
                        located ? p.ToString()
                        : field is null
                        || p.Message.Contains($"'{field}'", StringComparison.Ordinal)
                            ? p.Message
                        : $"'{field}': {p.Message}";
                    return new TaskFieldProblem(field, p.Message, text);
                }),
            ],
        };

    private async Task<IReadOnlyDictionary<string, GroupDefinition>> GroupsAsync(
        CancellationToken cancellationToken
    ) =>
        (await control.ListGroupsAsync(cancellationToken)).ToDictionary(
            g => g.Definition.Name,
            g => g.Definition,
            StringComparer.Ordinal
        );

    private static string SourceName(TaskDefinition task) =>
        task.Source.ToString().ToLowerInvariant();
}
