using NanoClaw.Jobs;

namespace NanoClaw.Agents.Ipc;

/// <summary>Who sent a request: the group whose IPC folder it was found in, never what the request says.</summary>
internal sealed record AgentCaller(GroupDefinition Group)
{
    public string Name => Group.Name;
    public bool IsMain => Group.IsMain;
}
