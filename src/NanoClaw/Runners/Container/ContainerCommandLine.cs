using System.Globalization;

namespace NanoClaw.Runners.Container;

/// <summary>The runtime's <c>run</c> (or <c>create</c>) argv for one run; no variable's value ever appears in it.</summary>
internal static class ContainerCommandLine
{
    /// <param name="runtimePath">The runtime's executable.</param>
    /// <param name="spec">The run.</param>
    /// <param name="verb"><c>run</c>, or <c>create</c> for a container started later by <see cref="Start"/>.</param>
    public static IReadOnlyList<string> Build(
        string runtimePath,
        ContainerRunSpec spec,
        string verb = "run"
    )
    {
        ArgumentNullException.ThrowIfNull(spec);
        var request = spec.Request;
        var argv = new List<string>
        {
            runtimePath,
            verb,
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
            // Never root (see ContainerUser); no capabilities unless configured; and no way to gain
            // privileges: setuid files and file capabilities grant nothing when executed.
            "--user",
            spec.User.ToString(),
            "--cap-drop",
            "ALL",
            "--security-opt",
            "no-new-privileges",
        };
        foreach (var capability in spec.CapAdd)
            argv.AddRange(["--cap-add", capability]);
        // Rootless podman maps the daemon's uid to root inside unless told to keep it.
        if (spec.KeepUserNamespace)
            argv.AddRange(["--userns", "keep-id"]);
        argv.AddRange(Volume(spec, request.GroupDir, ContainerPaths.GroupDir, readOnly: false));
        argv.AddRange(Volume(spec, request.GlobalDir, ContainerPaths.GlobalDir, readOnly: true));
        argv.AddRange(Volume(spec, request.IpcDir, ContainerPaths.IpcDir, readOnly: false));
        foreach (var mount in spec.Mounts)
            argv.AddRange(Volume(spec, mount.HostPath, mount.ContainerPath, mount.IsReadOnly));
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
        if (request is { ReplacesEntrypoint: true, Command: [var program, ..] })
        {
            argv.AddRange(["--entrypoint", program]);
            argv.Add(spec.Image);
            argv.AddRange(request.Command.Skip(1));
            return argv;
        }
        argv.Add(spec.Image);
        // A prompt run has no command: the image's own entrypoint is the agent.
        if (request.Command is { } command)
            argv.AddRange(command);
        return argv;
    }

    /// <summary>Starts a created container attached, its stdin included, as <c>run -i</c> would.</summary>
    public static IReadOnlyList<string> Start(string runtimePath, string name) =>
        [runtimePath, "start", "--attach", "--interactive", "--", name];

    /// <summary>
    /// podman's <c>-v</c> takes <c>nosuid,nodev</c>: a set-id file or device node in a mounted folder
    /// means nothing inside. docker's <c>-v</c> and <c>--mount type=bind</c> take neither (only
    /// <c>ro</c>), so docker relies on <c>no-new-privileges</c>, which makes set-id bits inert, and on
    /// <c>--cap-drop ALL</c> with its device cgroup, which leave no device node to create or open.
    /// </summary>
    private static string[] Volume(
        ContainerRunSpec spec,
        string hostPath,
        string containerPath,
        bool readOnly
    )
    {
        var options = new List<string>();
        if (readOnly)
            options.Add("ro");
        if (spec.RuntimeName == "podman")
            options.AddRange(["nosuid", "nodev"]);
        return
        [
            "-v",
            options.Count == 0
                ? $"{hostPath}:{containerPath}"
                : $"{hostPath}:{containerPath}:{string.Join(',', options)}",
        ];
    }
}
