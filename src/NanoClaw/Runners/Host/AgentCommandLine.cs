namespace NanoClaw.Runners.Host;

/// <summary>Expands <c>{nanoclaw}</c> in <c>Host:AgentCommand</c> to this executable, however it was started.</summary>
internal static class AgentCommandLine
{
    public const string SelfToken = "{nanoclaw}";

    public static IReadOnlyList<string> Resolve(IReadOnlyList<string> configured)
    {
        ArgumentNullException.ThrowIfNull(configured);
        return [.. configured.SelectMany(part => part == SelfToken ? Self() : [part])];
    }

    /// <summary>The apphost itself, or <c>dotnet nanoclaw.dll</c> when the daemon runs through the dotnet host.</summary>
    private static IEnumerable<string> Self()
    {
        var process = Environment.ProcessPath ?? "nanoclaw";
        var isDotnetHost = Path.GetFileNameWithoutExtension(process)
            .Equals("dotnet", StringComparison.OrdinalIgnoreCase);
        return isDotnetHost ? [process, typeof(AgentCommandLine).Assembly.Location] : [process];
    }
}
