using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.EnvironmentVariables;

namespace NanoClaw.Configuration;

/// <summary>Names where a configuration key was set, in the words a user would look for it.</summary>
internal static class SettingOrigin
{
    /// <summary>The source whose value wins for <paramref name="key"/> (the last layer that has it).</summary>
    public static string? Of(IConfiguration configuration, string key)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration is not IConfigurationRoot root)
            return null;
        var provider = root.Providers.LastOrDefault(p => p.TryGet(key, out _));
        return provider is null ? null : Describe(provider, key);
    }

    public static string Describe(IConfigurationProvider provider, string key) =>
        provider switch
        {
            FileConfigurationProvider file => file.Source.Path ?? "a settings file",
            // The provider turns __ into : and keeps the case the variable was written in.
            EnvironmentVariablesConfigurationProvider =>
                $"environment variable {VariableName(key)}",
            CommandLineConfigurationProvider => $"command line --{key}",
            _ => provider.ToString() ?? provider.GetType().Name,
        };

    /// <summary>The variable as it was written: the provider turns <c>__</c> into <c>:</c> and ignores case.</summary>
    private static string VariableName(string key)
    {
        foreach (var name in Environment.GetEnvironmentVariables().Keys.OfType<string>())
        {
            if (
                name.Replace("__", ":", StringComparison.Ordinal)
                    .Equals(key, StringComparison.OrdinalIgnoreCase)
            )
                return name;
        }
        return key.Replace(":", "__", StringComparison.Ordinal);
    }
}
