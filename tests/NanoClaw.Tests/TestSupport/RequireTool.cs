using NanoClaw.Runners.Processes;

namespace NanoClaw.Tests.TestSupport;

/// <summary>
/// Tests that need a system tool skip with the reason on a developer's machine, and fail under CI
/// (<c>CI=true</c>), where <c>.ci/run</c> installs every tool.
/// </summary>
public static class RequireTool
{
    public static bool IsCi =>
        string.Equals(
            Environment.GetEnvironmentVariable("CI"),
            "true",
            StringComparison.OrdinalIgnoreCase
        );

    /// <summary>Returns the tool's full path, or skips (fails under CI) when it is not on PATH.</summary>
    public static string OnPath(string tool, string installHint)
    {
        var found = Find(tool);
        if (found is not null)
            return found;
        var reason = $"'{tool}' is not installed ({installHint}).";
        Assert.False(IsCi, $"Under CI every tool must be installed by .ci/run: {reason}");
        Assert.Skip(reason);
        return "";
    }

    public static string? Find(string tool) => ExecutableSearch.Find(tool);
}
