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

    /// <summary>Binds and validates the <c>NanoClaw</c> section; every problem is returned, nothing thrown.</summary>
    public static (NanoClawOptions? Options, IReadOnlyList<string> Problems) Bind(
        IConfiguration configuration
    )
    {
        ArgumentNullException.ThrowIfNull(configuration);
        NanoClawOptions options;
        try
        {
            options =
                configuration.GetSection(NanoClawOptions.SectionName).Get<NanoClawOptions>()
                ?? new NanoClawOptions();
        }
        catch (InvalidOperationException ex)
        {
            // The binder names the key and the type it could not convert to; its inner exception says why.
            var detail = ex.InnerException is null
                ? ex.Message
                : $"{ex.Message} {ex.InnerException.Message}";
            return (null, [$"appsettings: {detail}"]);
        }
        var problems = NanoClawOptionsValidator.Check(options);
        return problems.Count == 0 ? (options, []) : (null, problems);
    }
}
