using System.Text.Json;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Sandbox;

/// <summary>Shell probes run as tasks: each line of their output is <c>name=value</c>.</summary>
internal static class SandboxProbe
{
    /// <summary><c>try 'command' name</c> prints <c>name=yes</c> if the command succeeded, else <c>name=no</c>.</summary>
    public const string Prelude = """
        try() { if eval "$1" >/dev/null 2>&1; then echo "$2=yes"; else echo "$2=no"; fi; }
        """;

    /// <summary>Triggers <paramref name="task"/>, waits for it to succeed, and parses its output.</summary>
    public static async Task<Dictionary<string, string>> RunAsync(Workspace workspace, string task)
    {
        var result = await workspace.CliAsync("trigger", task, "--wait", "--json");
        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        var stdout = JsonDocument
            .Parse(result.Stdout)
            .RootElement.GetProperty("stdout")
            .GetString()!;
        return stdout
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .GroupBy(pair => pair[0])
            .ToDictionary(g => g.Key, g => g.Last()[1]);
    }
}
