using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace NanoClaw.Mcp;

/// <summary>
/// The six scheduling tools of <c>nanoclaw mcp</c>: each is one IPC request, and its answer is the
/// tool's result. A refusal becomes a tool error carrying the daemon's reason, so the model can
/// correct itself.
/// </summary>
[McpServerToolType]
internal sealed class TaskTools(IpcClient ipc)
{
    private const string Scope =
        " Tasks belong to the group of the run you are in (the main group may name another group). You can change only tasks agents created, not the operator's.";

    private const string Quotas =
        " Limits set by the operator: at most 25 agent-created tasks per group by default (setting Agents:MaxTasksPerGroup), and no schedule firing more often than every 5 minutes by default (Agents:MinInterval); a refusal names the limit.";

    private static readonly JsonSerializerOptions FieldJson = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    [McpServerTool(Name = "schedule_task", Destructive = false, OpenWorld = false)]
    [Description(
        "Creates a task that NanoClaw runs on a schedule: a prompt handed to an agent (like you) in this group, or a command. Returns the stored task."
            + Scope
            + Quotas
    )]
    public Task<string> ScheduleTaskAsync(
        [Description("The task to create.")] TaskFields task,
        [Description(
            "Main group only: the group to create the task in. Leave out for your own group."
        )]
            string? group = null,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(task);
        var fields = new JsonObject { ["task"] = ToNode(task) };
        if (group is not null)
            fields["group"] = group;
        return SendAsync("schedule_task", fields, cancellationToken);
    }

    [McpServerTool(Name = "list_tasks", ReadOnly = true, OpenWorld = false)]
    [Description(
        "Lists the tasks of this group (the main group: of every group, or of the one named), with their schedule, state, source (agent-created or the operator's) and next run."
    )]
    public Task<string> ListTasksAsync(
        [Description("Main group only: list just this group's tasks.")] string? group = null,
        CancellationToken cancellationToken = default
    )
    {
        var fields = new JsonObject();
        if (group is not null)
            fields["group"] = group;
        return SendAsync("list_tasks", fields, cancellationToken);
    }

    [McpServerTool(Name = "update_task", Idempotent = true, OpenWorld = false)]
    [Description(
        "Changes fields of an agent-created task: give only the fields to change (e.g. {\"cron\": \"0 8 * * *\"}); the others keep their values. Returns the updated task."
            + Scope
            + Quotas
    )]
    public Task<string> UpdateTaskAsync(
        [Description("The id of the task to change.")] string taskId,
        [Description("The fields to change.")] TaskFields task,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(task);
        return SendAsync(
            "update_task",
            new JsonObject { ["taskId"] = taskId, ["task"] = ToNode(task) },
            cancellationToken
        );
    }

    [McpServerTool(Name = "pause_task", Idempotent = true, OpenWorld = false)]
    [Description(
        "Pauses an agent-created task: it keeps its definition but does not fire until resumed."
            + Scope
    )]
    public Task<string> PauseTaskAsync(
        [Description("The id of the task to pause.")] string taskId,
        CancellationToken cancellationToken = default
    ) => SendAsync("pause_task", new JsonObject { ["taskId"] = taskId }, cancellationToken);

    [McpServerTool(Name = "resume_task", Idempotent = true, OpenWorld = false)]
    [Description("Resumes a paused agent-created task: it fires on its schedule again." + Scope)]
    public Task<string> ResumeTaskAsync(
        [Description("The id of the task to resume.")] string taskId,
        CancellationToken cancellationToken = default
    ) => SendAsync("resume_task", new JsonObject { ["taskId"] = taskId }, cancellationToken);

    [McpServerTool(Name = "cancel_task", Destructive = true, OpenWorld = false)]
    [Description(
        "Deletes an agent-created task for good: it never fires again. Its past runs stay in the history."
            + Scope
    )]
    public Task<string> CancelTaskAsync(
        [Description("The id of the task to delete.")] string taskId,
        CancellationToken cancellationToken = default
    ) => SendAsync("cancel_task", new JsonObject { ["taskId"] = taskId }, cancellationToken);

    private async Task<string> SendAsync(
        string action,
        JsonObject fields,
        CancellationToken cancellationToken
    )
    {
        try
        {
            var answer = await ipc.SendAsync(action, fields, cancellationToken);
            return answer.ToJsonString();
        }
        catch (Exception ex) when (ex is IpcRefusedException or IpcException)
        {
            // McpException's message reaches the model as the tool's error; other exceptions would not.
            throw new McpException(
                ex is IpcRefusedException ? $"NanoClaw refused: {ex.Message}" : ex.Message
            );
        }
    }

    private static JsonNode ToNode(TaskFields task) =>
        JsonSerializer.SerializeToNode(task, FieldJson) ?? new JsonObject();
}
