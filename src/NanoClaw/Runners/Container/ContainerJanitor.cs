using NanoClaw.Configuration;
using NanoClaw.Hosting;
using NanoClaw.Jobs;

namespace NanoClaw.Runners.Container;

/// <summary>
/// At daemon start, before anything is recovered: stops and removes every container a previous
/// daemon of this instance left (its runs died with it, their containers did not), so a recovered
/// run never overlaps its own orphan.
/// </summary>
internal sealed class ContainerJanitor(
    ContainerRuntime runtime,
    NanoClawOptions options,
    NanoClawPaths paths,
    JobsFile jobs,
    ILogger<ContainerJanitor> logger
) : IStartupCleanup
{
    public async Task CleanAsync(CancellationToken cancellationToken = default)
    {
        if (runtime.Find() is not { } cli)
        {
            logger.LogDebug(
                "Container runtime {Runtime} is not installed: no containers to clean up",
                runtime.Name
            );
            return;
        }
        var label = $"{ContainerLabels.Instance}={ContainerLabels.InstanceId(paths.DataDir)}";
        try
        {
            var orphans = await cli.ListAsync(label, cancellationToken);
            if (orphans.Count == 0)
                return;
            logger.LogWarning(
                "Stopping {Count} container(s) left by a previous daemon: {Containers}",
                orphans.Count,
                string.Join(", ", orphans)
            );
            await Task.WhenAll(
                orphans.Select(name =>
                    cli.StopAsync(name, options.KillGracePeriod, cancellationToken)
                )
            );
            await cli.RemoveAsync(orphans, cancellationToken);
            var left = await cli.ListAsync(label, cancellationToken);
            if (left.Count > 0)
                logger.LogError(
                    "Container(s) {Containers} could not be removed; remove them by hand ({Runtime} rm -f NAME)",
                    string.Join(", ", left),
                    runtime.Name
                );
        }
        catch (Exception ex)
            when (ex
                    is ContainerRuntimeException
                        or CliWrap.Exceptions.CliWrapException
                        or System.ComponentModel.Win32Exception
            )
        {
            // A runtime without a working engine (a bare docker client) cannot have containers of
            // ours; that only deserves a warning where containers are in use.
            logger.Log(
                UsesContainers() ? LogLevel.Warning : LogLevel.Debug,
                "Could not look for containers left by a previous daemon: {Error}",
                ex.Message
            );
        }
    }

    private bool UsesContainers() =>
        options.ExecutionMode == ExecutionMode.Container
        || jobs.Groups.Values.Any(g => g.ExecutionMode == ExecutionMode.Container)
        || jobs.Tasks.Any(t => t.ExecutionMode == ExecutionMode.Container);
}
