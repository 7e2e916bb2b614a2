using System.Diagnostics;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Container;

/// <summary>The real podman and the busybox test image that <c>.ci/setup-podman.sh</c> builds.</summary>
public static class Podman
{
    public const string TestImage = "localhost/nanoclaw-test:latest";
    private const string Hint = "run .ci/setup-podman.sh as root";

    /// <summary>Skips (fails under CI) unless podman and the test image are there.</summary>
    public static void Require()
    {
        RequireTool.OnPath("podman", Hint);
        if (Run("image", "exists", TestImage).ExitCode == 0)
            return;
        var reason = $"the podman image '{TestImage}' is missing ({Hint}).";
        Assert.False(
            RequireTool.IsCi,
            $"Under CI every tool must be installed by .ci/run: {reason}"
        );
        Assert.Skip(reason);
    }

    /// <summary>Names of all containers, running or not, whose name starts with <paramref name="prefix"/>.</summary>
    public static IReadOnlyList<string> Containers(string prefix) =>
        [
            .. Run("ps", "-a", "--format", "{{.Names}}")
                .Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Where(name => name.StartsWith(prefix, StringComparison.Ordinal)),
        ];

    public static (int ExitCode, string Output) Run(params string[] args)
    {
        using var process =
            Process.Start(
                new ProcessStartInfo("podman", args)
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                }
            ) ?? throw new InvalidOperationException("podman did not start");
        var output = process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}
