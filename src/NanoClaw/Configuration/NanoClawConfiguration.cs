namespace NanoClaw.Configuration;

/// <summary>
/// Loads configuration the way contract §1 layers it: <c>appsettings.json</c> in the current
/// directory, then environment variables, then <c>--Section:Key=value</c> arguments.
/// </summary>
internal static class NanoClawConfiguration
{
    public static IConfigurationRoot Build(IReadOnlyList<string> keyArgs) =>
        new ConfigurationBuilder()
            .SetBasePath(Directory.GetCurrentDirectory())
            .AddJsonFile("appsettings.json", optional: true, reloadOnChange: false)
            .AddEnvironmentVariables()
            .AddCommandLine([.. keyArgs])
            .Build();

    /// <summary>Separates configuration keys (<c>--NanoClaw:X=1</c>) from the CLI's own arguments.</summary>
    public static (string[] CommandArgs, string[] KeyArgs) SplitArgs(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var command = new List<string>();
        var keys = new List<string>();
        var afterSeparator = false;
        foreach (var arg in args)
        {
            afterSeparator |= arg == "--";
            var isKey =
                !afterSeparator
                && arg.StartsWith("--", StringComparison.Ordinal)
                && arg.Contains(':', StringComparison.Ordinal)
                && arg.Contains('=', StringComparison.Ordinal)
                && arg.IndexOf(':', StringComparison.Ordinal)
                    < arg.IndexOf('=', StringComparison.Ordinal);
            (isKey ? keys : command).Add(arg);
        }
        return ([.. command], [.. keys]);
    }

    /// <summary>
    /// Builds the configuration; a settings file that cannot be read (not JSON, not a file) is a
    /// problem to report, not an exception.
    /// </summary>
    public static (IConfigurationRoot? Configuration, string? Problem) TryBuild(
        IReadOnlyList<string> keyArgs
    )
    {
        try
        {
            return (Build(keyArgs), null);
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or IOException)
        {
            // The JSON reader's own text says where (line and byte position) and what it expected.
            var detail = ex.GetBaseException().Message;
            return (null, $"appsettings.json: cannot be read: {detail}");
        }
    }

    /// <summary>
    /// Checks every key and value of the <c>NanoClaw</c> section, binds it and validates the result;
    /// every problem is returned, nothing thrown, and nothing is bound while any problem remains.
    /// </summary>
    public static (NanoClawOptions? Options, IReadOnlyList<string> Problems) Bind(
        IConfiguration configuration
    )
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var shapeProblems = SettingsCheck.Problems(configuration);
        if (shapeProblems.Count > 0)
            return (null, shapeProblems);
        NanoClawOptions options;
        try
        {
            options =
                configuration.GetSection(NanoClawOptions.SectionName).Get<NanoClawOptions>()
                ?? new NanoClawOptions();
        }
        catch (InvalidOperationException ex)
        {
            // The checks above mirror what the binder reads; this is the net under them.
            var detail = ex.InnerException is null
                ? ex.Message
                : $"{ex.Message} {ex.InnerException.Message}";
            return (null, [$"{NanoClawOptions.SectionName}: {detail}"]);
        }
        var problems = NanoClawOptionsValidator.Check(options);
        return problems.Count == 0 ? (options, []) : (null, problems);
    }
}
