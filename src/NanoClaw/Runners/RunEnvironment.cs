using NanoClaw.Jobs;

namespace NanoClaw.Runners;

/// <summary>A run's whole environment: the request's (allow-listed + group + task) plus the <c>NANOCLAW_*</c> variables.</summary>
internal static class RunEnvironment
{
    /// <remarks>The folders are as the run sees them: host paths in host mode, <c>/workspace/…</c> in a container.</remarks>
    public static Dictionary<string, string> Build(
        RunRequest request,
        ExecutionMode mode,
        string groupDir,
        string globalDir,
        string ipcDir
    )
    {
        ArgumentNullException.ThrowIfNull(request);
        var env = new Dictionary<string, string>(request.Environment, StringComparer.Ordinal)
        {
            ["NANOCLAW_MODE"] = mode == ExecutionMode.Host ? "host" : "container",
            ["NANOCLAW_TASK_ID"] = request.TaskId ?? "",
            ["NANOCLAW_RUN_ID"] = request.RunId,
            ["NANOCLAW_GROUP"] = request.Group.Name,
            ["NANOCLAW_GROUP_DIR"] = groupDir,
            ["NANOCLAW_GLOBAL_DIR"] = globalDir,
            ["NANOCLAW_IPC_DIR"] = ipcDir,
        };
        return env;
    }
}
