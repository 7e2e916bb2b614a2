using System.Globalization;

namespace NanoClaw.Runners.Container;

/// <summary>The runtime's <c>run</c> argv for one run; no variable's value ever appears in it.</summary>
internal static class ContainerCommandLine
{
    public static IReadOnlyList<string> Build(string runtimePath, ContainerRunSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var request = spec.Request;
        var argv = new List<string>
        {
            runtimePath,
            "run",
            "-i",
            "--rm",
            "--name",
            spec.Name,
            "--label",
            $"{ContainerLabels.Instance}={spec.InstanceId}",
            "--label",
            $"{ContainerLabels.RunId}={request.RunId}",
            // Only images already present: a run must not stall on (or depend on) a registry.
            "--pull",
            "never",
            "-w",
            ContainerPaths.GroupDir,
            "-v",
            $"{request.GroupDir}:{ContainerPaths.GroupDir}",
            "-v",
            $"{request.GlobalDir}:{ContainerPaths.GlobalDir}:ro",
            "-v",
            $"{request.IpcDir}:{ContainerPaths.IpcDir}",
        };
        foreach (var mount in spec.Mounts)
            argv.AddRange(["-v", mount.VolumeArgument]);
        if (!request.Group.Network)
            argv.AddRange(["--network", "none"]);
        var settings = request.Group.Container;
        if (settings?.Memory is { } memory)
            argv.AddRange(["--memory", memory]);
        if (settings?.Cpus is { } cpus)
            argv.AddRange(["--cpus", cpus.ToString(CultureInfo.InvariantCulture)]);
        // The value comes from the runtime process's own environment: `-e NAME` without `=`.
        foreach (var name in spec.Environment.Keys.Order(StringComparer.Ordinal))
            argv.AddRange(["-e", name]);
        argv.Add(spec.Image);
        // A prompt run has no command: the image's own entrypoint is the agent.
        if (request.Command is { } command)
            argv.AddRange(command);
        return argv;
    }
}
