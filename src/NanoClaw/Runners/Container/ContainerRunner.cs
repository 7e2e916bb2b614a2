using System.Text.RegularExpressions;
using NanoClaw.Configuration;
using NanoClaw.Files;
using NanoClaw.Jobs;
using NanoClaw.Runners.Container.Files;
using NanoClaw.Runners.Container.Mounts;
using NanoClaw.Runners.Processes;
using NanoClaw.Runs;

namespace NanoClaw.Runners.Container;

/// <summary>
/// Runs a task in a fresh container (<c>run -i --rm</c>) with its group folder at
/// <c>/workspace/group</c>. The runtime CLI runs under the same launcher as a host run, so output
/// streaming, the log file, bounded tails and structured output work alike. A timed-out or cancelled
/// run's container is stopped through the runtime and then removed: nothing of it is left.
/// </summary>
internal sealed partial class ContainerRunner(
    ProcessLauncher launcher,
    ContainerRuntime runtime,
    NanoClawOptions options,
    NanoClawPaths paths,
    JobsFile jobs,
    ILogger<ContainerRunner> logger
) : IRunner
{
    // Room for the runtime's own stop (SIGTERM, its grace, SIGKILL) before the launcher kills the CLI.
    private static readonly TimeSpan StopHeadroom = TimeSpan.FromSeconds(5);

    public ExecutionMode Mode => ExecutionMode.Container;

    public async Task<RunOutcome> RunAsync(
        RunRequest request,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(request);
        var startedAt = DateTimeOffset.UtcNow;
        if (runtime.Find() is not { } cli)
            return Refused(startedAt, runtime.NotInstalledError);
        if (
            ContainerName.Create(request.Group.Name, request.RunId, out var nameError)
            is not { } name
        )
            return Refused(startedAt, nameError!);
        var image = request.Group.Container?.Image ?? options.Container.Image;
        if (!ImageReference().IsMatch(image))
            return Refused(startedAt, $"'{image}' is not a valid image reference");
        if (
            ContainerIdentity.UserFor(request.Group, options.Container, out var userError)
            is not { } user
        )
            return Refused(startedAt, userError!);
        var mounts = ResolveMounts(request.Group, out var mountError);
        if (mountError is not null)
            return Refused(startedAt, mountError);
        PinnedMounts pins;
        try
        {
            // Right after the check: from here on each mount is this very folder, or the run fails.
            pins = PinnedMounts.Open(mounts);
        }
        catch (IOException ex)
        {
            return Refused(
                startedAt,
                $"group '{request.Group.Name}': a mount is refused: {ex.Message}"
            );
        }
        using var pinned = pins;
        try
        {
            if (await ImageErrorAsync(cli, image, cancellationToken) is { } imageError)
                return Refused(startedAt, imageError);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Runners report a stop as an outcome, never as an exception.
            return Refused(startedAt, "stopped on request") with { Status = RunStatus.Cancelled };
        }

        if ((RunFolders.Prepare(request) ?? PrepareFolders(request, user)) is { } folderError)
            return Refused(startedAt, folderError);
        var spec = new ContainerRunSpec
        {
            Request = request,
            Name = name,
            Image = image,
            InstanceId = ContainerLabels.InstanceId(paths.DataDir),
            RuntimeName = cli.Name,
            User = user,
            CapAdd = ContainerIdentity.CapAddFor(request.Group, options.Container),
            KeepUserNamespace = cli.Name == "podman" && !ContainerIdentity.IsDaemonRoot,
            Environment = RunEnvironment.Build(
                request,
                ExecutionMode.Container,
                ContainerPaths.GroupDir,
                ContainerPaths.GlobalDir,
                ContainerPaths.IpcDir
            ),
            Mounts = mounts,
        };
        IReadOnlyList<string> argv;
        try
        {
            (argv, var changed) = await PinnedStartAsync(cli, spec, pins, cancellationToken);
            if (changed is not null)
            {
                await RemoveAsync(cli, name);
                return Refused(
                    startedAt,
                    $"group '{request.Group.Name}': a mount is refused: {changed}"
                );
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await RemoveAsync(cli, name);
            return Refused(startedAt, "stopped on request") with { Status = RunStatus.Cancelled };
        }
        catch (Exception ex)
            when (ex
                    is ContainerRuntimeException
                        or CliWrap.Exceptions.CliWrapException
                        or System.ComponentModel.Win32Exception
                        or OperationCanceledException
            )
        {
            await RemoveAsync(cli, name);
            return Refused(startedAt, $"{cli.Name} could not create the container: {ex.Message}");
        }
        var result = await launcher.RunAsync(
            new ProcessSpec
            {
                Argv = argv,
                WorkingDir = request.GroupDir,
                Environment = RuntimeEnvironment.For(spec.Environment),
                Stdin = request.StdinJson,
                Timeout = request.Timeout,
                KillGracePeriod = options.KillGracePeriod + StopHeadroom,
                LogPath = request.LogPath,
                // Container:MaxOutputBytes bounds everything kept of a container run: log and record.
                MaxLogBytes = ContainerLogCap(options),
                MaxTailBytes = (int)
                    Math.Min(options.Container.MaxOutputBytes, options.MaxRecordedOutputBytes),
                OutputFormat = request.OutputFormat,
                GracefulStop = token => cli.StopAsync(name, options.KillGracePeriod, token),
            },
            cancellationToken
        );
        if (
            result.IsTimedOut
            || result.IsCancelled
            || result.StartError is not null
            || result.OutputError is not null
        )
            await RemoveAsync(cli, name);
        return Explain(OutcomeRules.Decide(result, request, request.Command?[0]));
    }

    /// <summary>
    /// The argv that starts the run. With additional mounts on podman, the container is first created
    /// and set up (its mounts made, its command not started) and each mount compared with the folder
    /// held open since its check; only then is it started. docker has no such step: its mounts are
    /// checked and resolved, not verified.
    /// </summary>
    /// <returns>The argv, or what changed when a mount is not the checked folder.</returns>
    /// <exception cref="ContainerRuntimeException">The runtime failed.</exception>
    private static async Task<(IReadOnlyList<string> Argv, string? Changed)> PinnedStartAsync(
        ContainerCli cli,
        ContainerRunSpec spec,
        PinnedMounts pins,
        CancellationToken cancellationToken
    )
    {
        if (pins.Count == 0 || cli.Name != "podman")
            return (ContainerCommandLine.Build(cli.Executable, spec), null);
        var create = ContainerCommandLine.Build(cli.Executable, spec, verb: "create");
        var pid = await cli.CreateAndInitAsync(
            create.Skip(1).ToList(),
            spec.Name,
            cancellationToken
        );
        return (ContainerCommandLine.Start(cli.Executable, spec.Name), pins.Verify(pid));
    }

    /// <summary>The run's folders exist, and those it writes are writable for its user; null when done.</summary>
    /// <summary>Hands the run's writable folders (made by <see cref="RunFolders"/>) to its container user.</summary>
    private static string? PrepareFolders(RunRequest request, ContainerUser user)
    {
        try
        {
            FolderHandover.CloseToOthers(Path.GetDirectoryName(request.GroupDir)!);
            FolderHandover.CloseToOthers(Path.GetDirectoryName(request.IpcDir)!);
            FolderHandover.GiveTo(request.GroupDir, user);
            FolderHandover.GiveTo(request.IpcDir, user);
            foreach (var name in RunFolders.IpcFolders)
                FolderHandover.GiveTo(Path.Combine(request.IpcDir, name), user);
            return null;
        }
        catch (IOException ex)
        {
            return $"the run's folders could not be made writable for its container user {user}: {ex.Message}"
                + (
                    ContainerIdentity.IsDaemonRoot
                        ? ""
                        : " (a daemon that is not root can only run containers as its own uid:gid; leave NanoClaw:Container:User and container.user unset)"
                );
        }
    }

    /// <summary>Null when the image is there; otherwise what is wrong and what to do.</summary>
    private static async Task<string?> ImageErrorAsync(
        ContainerCli cli,
        string image,
        CancellationToken cancellationToken
    )
    {
        try
        {
            return await cli.ImageExistsAsync(image, cancellationToken)
                ? null
                : $"the image '{image}' is not available to {cli.Name}: build or pull it ({cli.Name} pull {image}), or set the group's container.image or NanoClaw:Container:Image";
        }
        catch (Exception ex)
            when (ex is CliWrap.Exceptions.CliWrapException or System.ComponentModel.Win32Exception
                || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            )
        {
            return $"{cli.Name} ('{cli.Executable}') did not answer whether the image '{image}' exists: {ex.Message}";
        }
    }

    private List<ResolvedMount> ResolveMounts(GroupDefinition group, out string? error)
    {
        error = null;
        var requested = group.Container?.AdditionalMounts ?? [];
        if (requested.Count == 0)
            return [];
        var allowlist = MountAllowlistFile.Load(options.Container.MountAllowlistPath);
        var protection = MountProtection.For(paths, jobs, Environment.CurrentDirectory);
        var mounts = new List<ResolvedMount>();
        foreach (var mount in requested)
        {
            var decision = MountPolicy.Check(
                mount,
                group.IsMain,
                allowlist,
                requireExisting: true,
                protection
            );
            if (decision.Rejection is { } rejection)
            {
                error = $"group '{group.Name}': {rejection}";
                return [];
            }
            if (decision.ForcedReadOnly is { } forced)
                logger.LogWarning("Group {Group}: {Note}", group.Name, forced);
            mounts.Add(decision.Mount!.Value);
        }
        return mounts;
    }

    /// <summary>Removal must happen even while the daemon stops, and must not fail the run's record.</summary>
    private async Task RemoveAsync(ContainerCli cli, string name)
    {
        try
        {
            await cli.RemoveAsync([name], CancellationToken.None);
        }
        catch (Exception ex)
            when (ex
                    is OperationCanceledException
                        or CliWrap.Exceptions.CliWrapException
                        or System.ComponentModel.Win32Exception
            )
        {
            logger.LogWarning(ex, "Could not remove container {Container}", name);
        }
    }

    /// <summary>Exit code 125 is the runtime's own failure, not the command's: say so with its message.</summary>
    private RunOutcome Explain(RunOutcome outcome)
    {
        if (outcome is not { Status: RunStatus.Failed, ExitCode: 125 })
            return outcome;
        var reason = outcome
            .Stderr.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .LastOrDefault()
            ?.Trim();
        return outcome with
        {
            Error =
                $"{runtime.Name} could not run the container (exit code 125): {reason ?? "no message"}",
        };
    }

    private static RunOutcome Refused(DateTimeOffset startedAt, string error) =>
        new()
        {
            Status = RunStatus.Failed,
            Error = error,
            StartedAt = startedAt,
            FinishedAt = DateTimeOffset.UtcNow,
        };

    [GeneratedRegex(@"\A[A-Za-z0-9][A-Za-z0-9._/:@-]*\z")]
    private static partial Regex ImageReference();

    private static long ContainerLogCap(NanoClawOptions options) =>
        options.MaxLogFileBytes > 0
            ? Math.Min(options.MaxLogFileBytes, options.Container.MaxOutputBytes)
            : options.Container.MaxOutputBytes;
}
