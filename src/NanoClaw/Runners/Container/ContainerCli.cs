using System.Globalization;
using CliWrap;
using CliWrap.Buffered;

namespace NanoClaw.Runners.Container;

/// <summary>
/// An installed container CLI (<c>docker</c> or <c>podman</c>, same arguments) for the short commands
/// around a run: is the image there, stop, remove, list. The run itself goes through the process launcher.
/// </summary>
internal sealed class ContainerCli(string name, string executable)
{
    // A runtime that hangs (an engine that does not answer) must not hang a run's cleanup forever.
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    public string Name => name;

    /// <summary>Absolute path: a run's own PATH may not contain it.</summary>
    public string Executable => executable;

    public async Task<bool> ImageExistsAsync(
        string image,
        CancellationToken cancellationToken = default
    )
    {
        var result = await ExecAsync(
            ["image", "inspect", "--format", "{{.Id}}", "--", image],
            cancellationToken
        );
        return result.ExitCode == 0;
    }

    /// <summary>
    /// Creates a container from a full <c>create</c> argv and has the runtime set it up (its mounts)
    /// without starting its command; returns the pid of its waiting first process.
    /// </summary>
    /// <exception cref="ContainerRuntimeException">The runtime refused; its message says why.</exception>
    public async Task<int> CreateAndInitAsync(
        IReadOnlyList<string> createArguments,
        string container,
        CancellationToken cancellationToken = default
    )
    {
        await RequireAsync(createArguments, cancellationToken);
        await RequireAsync(["init", "--", container], cancellationToken);
        var pid = await RequireAsync(
            ["inspect", "--format", "{{.State.Pid}}", "--", container],
            cancellationToken
        );
        return int.TryParse(pid.Trim(), CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ContainerRuntimeException(
                $"'{name} inspect' gave no process id for {container}: '{pid.Trim()}'"
            );
    }

    /// <summary>Graceful stop: SIGTERM to the container's process, SIGKILL by the runtime after <paramref name="grace"/>.</summary>
    public Task StopAsync(
        string container,
        TimeSpan grace,
        CancellationToken cancellationToken = default
    ) => ExecAsync(["stop", "-t", Seconds(grace), "--", container], cancellationToken);

    /// <summary>Removes containers whatever their state; a name that is already gone is not an error.</summary>
    public Task RemoveAsync(
        IReadOnlyList<string> containers,
        CancellationToken cancellationToken = default
    ) => ExecAsync(["rm", "-f", "--", .. containers], cancellationToken);

    /// <summary>Names of the containers, in any state, that carry <paramref name="label"/> and the NanoClaw prefix.</summary>
    public async Task<IReadOnlyList<string>> ListAsync(
        string label,
        CancellationToken cancellationToken = default
    )
    {
        var result = await ExecAsync(
            [
                "ps",
                "-a",
                "--filter",
                $"name=^{ContainerName.Prefix}",
                "--filter",
                $"label={label}",
                "--format",
                "{{.Names}}",
            ],
            cancellationToken
        );
        if (result.ExitCode != 0)
            throw new ContainerRuntimeException(
                $"'{name} ps' failed (exit code {result.ExitCode}): {result.StandardError.Trim()}"
            );
        return
        [
            .. result
                .StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line.Trim())
                .Where(line => line.StartsWith(ContainerName.Prefix, StringComparison.Ordinal)),
        ];
    }

    private async Task<string> RequireAsync(
        IReadOnlyList<string> arguments,
        CancellationToken cancellationToken
    )
    {
        var result = await ExecAsync(arguments, cancellationToken);
        if (result.ExitCode != 0)
            throw new ContainerRuntimeException(
                $"'{name} {arguments[0]}' failed (exit code {result.ExitCode}): {result.StandardError.Trim()}"
            );
        return result.StandardOutput;
    }

    public static string Seconds(TimeSpan span) =>
        ((long)Math.Ceiling(Math.Max(0, span.TotalSeconds))).ToString(CultureInfo.InvariantCulture);

    private async Task<BufferedCommandResult> ExecAsync(
        IReadOnlyList<string> arguments,
        CancellationToken cancellationToken
    )
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CommandTimeout);
        return await CliWrap
            .Cli.Wrap(Executable)
            .WithArguments(arguments)
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(timeout.Token);
    }
}
