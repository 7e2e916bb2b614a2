namespace NanoClaw.Runners.Host;

/// <summary>
/// Expands <c>Host:AgentCommand</c>: <c>{nanoclaw}</c> becomes this executable, however it was
/// started; <c>{prompt}</c> becomes the task's prompt, for agents that take it as an argument
/// (<c>claude -p {prompt} --output-format json</c>). The prompt is one argv item, never parsed by a shell.
/// </summary>
internal static class AgentCommandLine
{
    public const string SelfToken = "{nanoclaw}";

    public const string PromptToken = "{prompt}";

    public static IReadOnlyList<string> Resolve(
        IReadOnlyList<string> configured,
        string? prompt = null
    )
    {
        ArgumentNullException.ThrowIfNull(configured);
        return
        [
            .. configured.SelectMany(part =>
                part switch
                {
                    SelfToken => Self(),
                    _ => [part.Replace(PromptToken, prompt ?? "", StringComparison.Ordinal)],
                }
            ),
        ];
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
