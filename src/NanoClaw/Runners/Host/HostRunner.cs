using NanoClaw.Configuration;
using NanoClaw.Files;
using NanoClaw.Jobs;
using NanoClaw.Runners.Processes;

namespace NanoClaw.Runners.Host;

/// <summary>Runs a task as a native subprocess in its group's folder, with only the allow-listed environment.</summary>
internal sealed class HostRunner(
    ProcessLauncher launcher,
    NanoClawOptions options,
    IEnumerable<IHostArgvWrapper> wrappers
) : IRunner
{
    public ExecutionMode Mode => ExecutionMode.Host;

    public async Task<RunOutcome> RunAsync(
        RunRequest request,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(request);
        if (RunFolders.Prepare(request) is { } folderError)
            return Refused(folderError);

        IReadOnlyList<string> argv =
            request.Command
            ?? AgentCommandLine.Resolve(options.Host.EffectiveAgentCommand, request.Prompt);
        var program = argv[0];
        var contained = false;
        foreach (var wrapper in wrappers)
        {
            var wrapped = wrapper.Wrap(argv, request);
            if (wrapped.Error is { } refusal)
                return Refused(refusal);
            argv = wrapped.Argv!;
            // Only the outermost wrapper's argv is what starts: a later wrapper that does not
            // contain the run itself puts it back under the supervisor's namespace and shell.
            contained = wrapped.IsContained;
        }

        var result = await launcher.RunAsync(
            new ProcessSpec
            {
                Argv = argv,
                WorkingDir = request.GroupDir,
                Environment = RunEnvironment.Build(
                    request,
                    ExecutionMode.Host,
                    request.GroupDir,
                    request.GlobalDir,
                    request.IpcDir
                ),
                Stdin = request.StdinJson,
                Timeout = request.Timeout,
                KillGracePeriod = options.KillGracePeriod,
                LogPath = request.LogPath,
                MaxTailBytes = options.MaxRecordedOutputBytes,
                MaxLogBytes = options.MaxLogFileBytes,
                OutputFormat = request.OutputFormat,
                IsolatePids = !contained,
                IsContained = contained,
            },
            cancellationToken
        );
        return OutcomeRules.Decide(result, request, program);
    }

    private static RunOutcome Refused(string error)
    {
        var now = DateTimeOffset.UtcNow;
        return new RunOutcome
        {
            Status = Runs.RunStatus.Failed,
            Error = error,
            StartedAt = now,
            FinishedAt = now,
        };
    }
}
