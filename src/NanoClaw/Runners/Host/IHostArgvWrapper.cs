namespace NanoClaw.Runners.Host;

/// <summary>Rewrites a host run's argv before it starts, e.g. to confine it in a sandbox.</summary>
internal interface IHostArgvWrapper
{
    /// <returns>The argv to run, or an error that fails the run (e.g. the sandbox tool is missing).</returns>
    WrappedArgv Wrap(IReadOnlyList<string> argv, RunRequest request);
}

internal readonly record struct WrappedArgv(IReadOnlyList<string>? Argv, string? Error);
