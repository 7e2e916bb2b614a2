using System.Text.RegularExpressions;
using NanoClaw.Configuration;
using NanoClaw.Files;
using NanoClaw.Jobs;
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
        var mounts = ResolveMounts(request.Group, out var mountError);
        if (mountError is not null)
            return Refused(startedAt, mountError);
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

        if (RunFolders.Prepare(request) is { } folderError)
            return Refused(startedAt, folderError);
        var spec = new ContainerRunSpec
        {
            Request = request,
            Name = name,
            Image = image,
            InstanceId = ContainerLabels.InstanceId(paths.DataDir),
            Environment = RunEnvironment.Build(
                request,
                ExecutionMode.Container,
                ContainerPaths.GroupDir,
                ContainerPaths.GlobalDir,
                ContainerPaths.IpcDir
            ),
            Mounts = mounts,
        };
        var result = await launcher.RunAsync(
            new ProcessSpec
            {
                Argv = ContainerCommandLine.Build(cli.Executable, spec),
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
        if (result.IsTimedOut || result.IsCancelled || result.StartError is not null)
            await RemoveAsync(cli, name);
        return Explain(OutcomeRules.Decide(result, request, request.Command?[0]));
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
        var mounts = new List<ResolvedMount>();
        foreach (var mount in requested)
        {
            var decision = MountPolicy.Check(mount, group.IsMain, allowlist, requireExisting: true);
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

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._/:@-]*$")]
    private static partial Regex ImageReference();

    private static long ContainerLogCap(NanoClawOptions options) =>
        options.MaxLogFileBytes > 0
            ? Math.Min(options.MaxLogFileBytes, options.Container.MaxOutputBytes)
            : options.Container.MaxOutputBytes;
}
