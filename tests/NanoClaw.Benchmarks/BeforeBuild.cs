using System.Diagnostics;

namespace NanoClaw.Benchmarks;

/// <summary>
/// Builds <c>src/NanoClaw</c> as it was at a git ref of this repository into a temporary folder
/// (<c>git archive</c>, so no worktree or branch is touched) and returns its <c>nanoclaw</c> apphost.
/// </summary>
internal static class BeforeBuild
{
    public static async Task<string> BuildAsync(string gitRef, TextWriter progress)
    {
        var folder = Directory.CreateTempSubdirectory("nanoclaw-bench-before-").FullName;
        await progress.WriteLineAsync($"building {gitRef} in {folder} …");
        await RunAsync(
            "sh",
            ["-c", "git archive \"$1\" | tar -x -C \"$2\"", "sh", gitRef, folder],
            null
        );
        await RunAsync(
            "dotnet",
            ["build", "-c", "Release", "--nologo", "-v", "q", "src/NanoClaw/NanoClaw.csproj"],
            folder
        );
        var apphost = Path.Combine(
            folder,
            "src",
            "NanoClaw",
            "bin",
            "Release",
            "net10.0",
            "nanoclaw"
        );
        return File.Exists(apphost)
            ? apphost
            : throw new InvalidOperationException(
                $"building {gitRef} left no apphost at {apphost}"
            );
    }

    private static async Task RunAsync(string file, string[] args, string? workDir)
    {
        var info = new ProcessStartInfo(file, args) { UseShellExecute = false };
        if (workDir is not null)
            info.WorkingDirectory = workDir;
        using var process =
            Process.Start(info) ?? throw new InvalidOperationException($"{file} did not start");
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"{file} {string.Join(' ', args)} failed with exit code {process.ExitCode}"
            );
    }
}
