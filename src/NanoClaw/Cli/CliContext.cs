using NanoClaw.Configuration;

namespace NanoClaw.Cli;

/// <summary>What every command shares: the configuration keys given on the command line, loaded on demand.</summary>
internal sealed class CliContext(IReadOnlyList<string> keyArgs)
{
    public IReadOnlyList<string> KeyArgs { get; } = keyArgs;

    /// <summary>Loads and validates the options; on failure prints every problem and returns null.</summary>
    public LoadedSettings? LoadOrReport(TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var (configuration, unreadable) = NanoClawConfiguration.TryBuild(KeyArgs);
        if (configuration is null)
        {
            error.WriteLine(unreadable);
            return null;
        }
        var (options, problems) = NanoClawConfiguration.Bind(configuration);
        if (options is null)
        {
            foreach (var problem in problems)
                error.WriteLine(problem);
            return null;
        }
        return new LoadedSettings(configuration, options, NanoClawPaths.From(options));
    }
}

internal sealed record LoadedSettings(
    IConfigurationRoot Configuration,
    NanoClawOptions Options,
    NanoClawPaths Paths
);
