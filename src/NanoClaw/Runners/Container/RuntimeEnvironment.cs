namespace NanoClaw.Runners.Container;

/// <summary>
/// The environment of the runtime CLI process itself. The run's variables reach the container as
/// <c>-e NAME</c>, their values taken from this environment, so no value (a secret) is ever on a
/// command line. Of the daemon's own variables only those the runtime needs to find its storage,
/// configuration and engine are added; nothing else of the daemon's is passed into the container,
/// because only names given with <c>-e</c> are.
/// </summary>
internal static class RuntimeEnvironment
{
    private static readonly string[] Names =
    [
        "PATH",
        "HOME",
        "USER",
        "LANG",
        "TMPDIR",
        "REGISTRY_AUTH_FILE",
        "DBUS_SESSION_BUS_ADDRESS",
    ];

    private static readonly string[] Prefixes = ["CONTAINERS_", "CONTAINER_", "DOCKER_", "XDG_"];

    public static Dictionary<string, string> For(IReadOnlyDictionary<string, string> runEnvironment)
    {
        ArgumentNullException.ThrowIfNull(runEnvironment);
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in Environment.GetEnvironmentVariables())
        {
            if (
                entry
                    is System.Collections.DictionaryEntry { Key: string name, Value: string value }
                && IsRuntimeVariable(name)
            )
                env[name] = value;
        }
        foreach (var (name, value) in runEnvironment)
            env[name] = value;
        return env;
    }

    private static bool IsRuntimeVariable(string name) =>
        Names.Contains(name, StringComparer.Ordinal)
        || Prefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal));
}
