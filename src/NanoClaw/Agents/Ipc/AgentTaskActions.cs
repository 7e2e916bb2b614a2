using System.Text.Json.Nodes;
using NanoClaw.Admin;
using NanoClaw.Configuration;
using NanoClaw.Execution;
using NanoClaw.Jobs;
using NanoClaw.Jobs.Loading;
using NanoClaw.Runs;
using NanoClaw.Scheduling;
using Quartz;

namespace NanoClaw.Agents.Ipc;

/// <summary>
/// The six actions of contract §5, with their authorisation: a group acts on its own group's agent
/// tasks, the main group on any group's; tasks of the jobs file or the admin API are never an agent's
/// to change. Each action, repeated after a crash (its journal entry pending), ends in the same
/// state with the same answer. A refusal is an <see cref="IpcRefusedException"/>.
/// </summary>
internal sealed class AgentTaskActions(
    TaskControl control,
    IRunStore runs,
    ActiveRuns activeRuns,
    NanoClawOptions options
)
{
    public Task<string> ExecuteAsync(
        AgentCaller caller,
        IpcRequest request,
        IpcJournalEntry? pending,
        Func<string, Task> prepare,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(prepare);
        return request.Action switch
        {
            IpcActions.Schedule => ScheduleAsync(
                caller,
                request,
                pending is not null,
                cancellationToken
            ),
            IpcActions.List => ListAsync(caller, request, cancellationToken),
            IpcActions.Update => UpdateAsync(caller, request, cancellationToken),
            IpcActions.Pause => SetPausedAsync(caller, request, true, cancellationToken),
            IpcActions.Resume => SetPausedAsync(caller, request, false, cancellationToken),
            IpcActions.Cancel => CancelAsync(caller, request, pending, prepare, cancellationToken),
            _ => throw new IpcRefusedException($"unknown action '{request.Action}'"),
        };
    }

    private async Task<string> ScheduleAsync(
        AgentCaller caller,
        IpcRequest request,
        bool isRetry,
        CancellationToken cancellationToken
    )
    {
        var body = ParseObject(request.TaskJson!);
        var named =
            body["group"] is JsonValue value && value.TryGetValue<string>(out var g) ? g : null;
        if (request.Group is not null && named is not null && request.Group != named)
            throw new IpcRefusedException(
                $"the request names group '{request.Group}' but its task names '{named}'; name one"
            );
        var target = request.Group ?? named ?? caller.Name;
        if (!caller.IsMain && target != caller.Name)
            throw new IpcRefusedException(
                $"group '{caller.Name}' may schedule tasks only in its own group, not in '{target}'; only the main group's agent acts on other groups"
            );
        body["group"] = target;

        var groups = await GroupsAsync(cancellationToken);
        var task = Checked(caller, body, groups, createdBy: CurrentRun(caller));
        if (await control.FindAsync(task.Id, cancellationToken) is { } existing)
        {
            // Carried out before the daemon died, before it stored the answer: the same answer again.
            if (isRetry && IsSameAgentTask(existing.Definition, task))
                return await AnswerAsync(request.Id, caller, existing, cancellationToken);
            throw new IpcRefusedException(
                $"a task '{task.Id}' exists already (source: {SourceName(existing.Definition)}); task ids are unique, choose another"
            );
        }
        var count = (await control.ListAsync(cancellationToken)).Count(t =>
            t.Definition.Group == target && t.Definition.Source == TaskSource.Agent
        );
        if (count >= options.Agents.MaxTasksPerGroup)
            throw new IpcRefusedException(
                $"group '{target}' has {count} agent task(s), the most it may have (NanoClaw:Agents:MaxTasksPerGroup = {options.Agents.MaxTasksPerGroup}); cancel one first"
            );
        try
        {
            await control.AddAsync(task, cancellationToken);
        }
        catch (ObjectAlreadyExistsException)
        {
            throw new IpcRefusedException(
                $"a task '{task.Id}' exists already; task ids are unique, choose another"
            );
        }
        return await AnswerAsync(
            request.Id,
            caller,
            await FoundAsync(task.Id, cancellationToken),
            cancellationToken
        );
    }

    private async Task<string> ListAsync(
        AgentCaller caller,
        IpcRequest request,
        CancellationToken cancellationToken
    )
    {
        if (!caller.IsMain && request.Group is { } named && named != caller.Name)
            throw new IpcRefusedException(
                $"group '{caller.Name}' may list only its own group's tasks, not '{named}'"
            );
        var group = caller.IsMain ? request.Group : caller.Name;
        var groups = await GroupsAsync(cancellationToken);
        var latest = await runs.LatestByTaskAsync(cancellationToken);
        var tasks = (await control.ListAsync(cancellationToken)).Where(t =>
            group is null || t.Definition.Group == group
        );
        var list = new JsonArray();
        foreach (var task in tasks)
            list.Add(
                IpcTaskView.From(
                    TaskView.From(
                        task,
                        groups.GetValueOrDefault(task.Definition.Group),
                        options.ExecutionMode,
                        latest.GetValueOrDefault(task.Definition.Id)
                    ),
                    caller
                )
            );
        return IpcAnswer.Ok(request.Id, "tasks", list);
    }

    private async Task<string> UpdateAsync(
        AgentCaller caller,
        IpcRequest request,
        CancellationToken cancellationToken
    )
    {
        var existing = await FindOwnAsync(caller, request.TaskId!, cancellationToken);
        var patch = ParseObject(request.TaskJson!);
        JsonObject body;
        try
        {
            body = TaskPatch.Apply(existing.Definition, patch);
        }
        catch (TaskPatchException ex)
        {
            throw new IpcRefusedException(ex.Message);
        }
        var task = Checked(
            caller,
            body,
            await GroupsAsync(cancellationToken),
            existing.Definition.CreatedBy
        );
        // Applying the same change twice ends in the same task: a retry needs no special case.
        await control.ReplaceAsync(existing, task, cancellationToken);
        return await AnswerAsync(
            request.Id,
            caller,
            await FoundAsync(task.Id, cancellationToken),
            cancellationToken
        );
    }

    private async Task<string> SetPausedAsync(
        AgentCaller caller,
        IpcRequest request,
        bool paused,
        CancellationToken cancellationToken
    )
    {
        var task = await FindOwnAsync(caller, request.TaskId!, cancellationToken);
        await control.SetTaskPausedAsync(task, paused, cancellationToken);
        return await AnswerAsync(
            request.Id,
            caller,
            await FoundAsync(task.Definition.Id, cancellationToken),
            cancellationToken
        );
    }

    private async Task<string> CancelAsync(
        AgentCaller caller,
        IpcRequest request,
        IpcJournalEntry? pending,
        Func<string, Task> prepare,
        CancellationToken cancellationToken
    )
    {
        // Removed before the daemon died: the answer it prepared says what was removed.
        if (
            pending?.Answer is { } prepared
            && await control.FindAsync(request.TaskId!, cancellationToken) is null
        )
            return prepared;
        var task = await FindOwnAsync(caller, request.TaskId!, cancellationToken);
        var answer = await AnswerAsync(request.Id, caller, task, cancellationToken);
        await prepare(answer);
        await control.RemoveAsync(task, cancellationToken);
        return answer;
    }

    /// <summary>The task as the caller may act on it, or the refusal that says why not.</summary>
    private async Task<StoredTaskInfo> FindOwnAsync(
        AgentCaller caller,
        string taskId,
        CancellationToken cancellationToken
    )
    {
        var task = await control.FindAsync(taskId, cancellationToken);
        // Another group's tasks are not there for a non-main agent, not even to be told apart.
        if (task is null || (!caller.IsMain && task.Definition.Group != caller.Name))
            throw new IpcRefusedException(
                caller.IsMain
                    ? $"no task '{taskId}'"
                    : $"no task '{taskId}' in group '{caller.Name}' (a group acts only on its own group's tasks)"
            );
        if (task.Definition.Source != TaskSource.Agent)
            throw new IpcRefusedException(
                $"task '{taskId}' is {(task.Definition.Source == TaskSource.File ? "defined in the jobs file" : "an operator's (created through the admin API)")}; agents can change only tasks agents created"
            );
        return task;
    }

    /// <summary>
    /// The task the body describes, checked by the jobs file's rules, then by what the caller may
    /// set and the quotas. Every problem is in the refusal at once.
    /// </summary>
    private TaskDefinition Checked(
        AgentCaller caller,
        JsonObject body,
        IReadOnlyDictionary<string, GroupDefinition> groups,
        string? createdBy
    )
    {
        var parsed = JobsFileLoader.ParseTask(
            body.ToJsonString(),
            groups,
            "task",
            TaskSource.Agent
        );
        if (parsed.Task is not { } task)
            throw new IpcRefusedException(
                "the task is not valid: "
                    + string.Join(
                        "; ",
                        parsed.Problems.Select(p =>
                            p.Subject is null ? p.Message : $"{p.Subject}: {p.Message}"
                        )
                    )
            );
        var problems = AgentTaskRules
            .Escalations(task, caller, groups[task.Group], options)
            .Concat(AgentTaskRules.QuotaProblems(task, options.Agents))
            .ToList();
        if (problems.Count > 0)
            throw new IpcRefusedException(string.Join("; ", problems));
        return task with
        {
            Source = TaskSource.Agent,
            CreatedBy = createdBy,
            // A non-main agent's task follows its group's mode, whatever the group is changed to later.
            ExecutionMode = caller.IsMain ? task.ExecutionMode : null,
        };
    }

    /// <summary>The run of the caller's group running now, if exactly one is: a group runs one at a time.</summary>
    private string? CurrentRun(AgentCaller caller)
    {
        var running = activeRuns.Snapshot().Where(r => r.Group == caller.Name).ToList();
        return running.Count == 1 ? running[0].Id : null;
    }

    private async Task<string> AnswerAsync(
        string requestId,
        AgentCaller caller,
        StoredTaskInfo task,
        CancellationToken cancellationToken
    )
    {
        var group = await control.FindGroupAsync(task.Definition.Group, cancellationToken);
        var last = await runs.ListAsync(
            new RunQuery { TaskId = task.Definition.Id, Limit = 1 },
            cancellationToken
        );
        var view = TaskView.From(
            task,
            group,
            options.ExecutionMode,
            last.Count > 0 ? last[0] : null
        );
        return IpcAnswer.Ok(requestId, "task", IpcTaskView.From(view, caller));
    }

    private async Task<IReadOnlyDictionary<string, GroupDefinition>> GroupsAsync(
        CancellationToken cancellationToken
    ) =>
        (await control.ListGroupsAsync(cancellationToken)).ToDictionary(
            g => g.Definition.Name,
            g => g.Definition,
            StringComparer.Ordinal
        );

    private async Task<StoredTaskInfo> FoundAsync(
        string taskId,
        CancellationToken cancellationToken
    ) =>
        await control.FindAsync(taskId, cancellationToken)
        ?? throw new IpcRefusedException(
            $"task '{taskId}' was removed while the request was carried out"
        );

    /// <summary>The parser already saw an object here; its text is parsed again as a mutable tree.</summary>
    private static JsonObject ParseObject(string json) =>
        JsonNode.Parse(json) as JsonObject
        ?? throw new IpcRefusedException("'task' must be an object");

    /// <summary>The stored task is the one this request made: same group and definition, whoever created it.</summary>
    private static bool IsSameAgentTask(TaskDefinition stored, TaskDefinition requested) =>
        stored.Source == TaskSource.Agent
        && DefinitionJson.Serialize(stored with { CreatedBy = null })
            == DefinitionJson.Serialize(requested with { CreatedBy = null });

    private static string SourceName(TaskDefinition task) =>
        task.Source.ToString().ToLowerInvariant();
}
